import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import {
  addToCartWorkflow,
  beginOrderEditOrderWorkflow,
  beginReceiveReturnWorkflow,
  beginReturnOrderWorkflow,
  cancelOrderWorkflow,
  completeCartWorkflow,
  confirmReturnRequestWorkflow,
  createOrderFulfillmentWorkflow,
  deleteLineItemsWorkflow,
  receiveItemReturnRequestWorkflow,
  requestItemReturnWorkflow,
  requestOrderEditRequestWorkflow,
  updateLineItemInCartWorkflow,
} from "@medusajs/medusa/core-flows"
import fc from "fast-check"
import { RESOURCE_BOOKING_MODULE } from "../../src/modules/resource_booking"
import {
  bindCheckoutOrders,
  cancelOrderEditWithBookingsWorkflow,
  confirmOrderEditWithBookingsWorkflow,
  confirmReturnReceiveWithBookingsWorkflow,
  convertDraftOrderWithBookingsWorkflow,
  createDraftOrderWithBookingsWorkflow,
  deleteDraftOrderWithBookingsWorkflow,
  orderEditAddItemsWithBookingsWorkflow,
  orderEditUpdateItemWithBookingsWorkflow,
  rescheduleBookingWorkflow,
} from "../../src/workflows"
import { createBookableProduct, setupStore } from "../../scripts/lib/store-setup"
import { connect, day, invariantViolations } from "../helpers/db"
import { prepareAppEnv } from "../helpers/http"
import { createStoreCart, prepareCheckout, publishableHeaders } from "../helpers/storefront"

jest.setTimeout(900_000)
prepareAppEnv()

// Random concurrent shoppers on Medusa's own cart workflows (add, update,
// remove, complete, cancel) and operators on its order paths (drafts created,
// converted, deleted; orders edited: a line added, raised, lowered or
// removed, the edit confirmed or canceled; a line fulfilled and part of it
// returned; a booking rescheduled, all or part), plus time travel, while two
// sweepers run: after every round the invariant holds, every live order's
// bookings cover its lines, and the books audit finds nothing. FC_SEED
// replays a failure; CART_PROPERTY_RUNS sets the rounds.
const RUNS = Number(process.env.CART_PROPERTY_RUNS || 6)
const CLIENTS = 3
const OPS_PER_CLIENT = 8
const DAYS = 2

type Op =
  | { kind: "add" | "draft"; v: number; d: number; q: number }
  | { kind: "update"; pick: number; q: number }
  | { kind: "remove" | "timeTravel" | "complete" | "cancel" | "convert" | "dropDraft"; pick: number }
  | { kind: "edit"; pick: number; v: number; d: number; q: number; add: boolean; confirm: boolean }
  | { kind: "return"; pick: number; q: number }
  | { kind: "reschedule"; pick: number; d: number; q: number }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("add" as const), v: fc.nat(2), d: fc.nat(DAYS - 1), q: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("update" as const), pick: fc.nat(), q: fc.integer({ min: 0, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("remove" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("timeTravel" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("complete" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("cancel" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("draft" as const), v: fc.nat(2), d: fc.nat(DAYS - 1), q: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("convert" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("dropDraft" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("return" as const), pick: fc.nat(), q: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("reschedule" as const), pick: fc.nat(), d: fc.nat(DAYS - 1), q: fc.integer({ min: 1, max: 3 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("edit" as const),
      pick: fc.nat(),
      v: fc.nat(2),
      d: fc.nat(DAYS - 1),
      q: fc.integer({ min: 0, max: 4 }),
      add: fc.boolean(),
      confirm: fc.boolean(),
    }),
  }
)

/** Refusals the plugin or Medusa may rightly give under this load. */
const EXPECTED = new Set<string>([MedusaError.Types.NOT_ALLOWED, MedusaError.Types.INVALID_DATA])

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    it(`keeps the invariant under ${RUNS} rounds of ${CLIENTS} shoppers on Medusa's cart workflows and 2 sweepers`, async () => {
      const container = getContainer()
      const booking = container.resolve<any>(RESOURCE_BOOKING_MODULE)
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const store = await setupStore(container)
      const pk = publishableHeaders(store)
      // Each round sells fresh capacity: with one stock for all rounds, the
      // orders of the first rounds sell it out and later rounds would only
      // see refusals (and never remove, update or complete anything).
      let round = 0
      const freshStock = async () => {
        round++
        const resources = await Promise.all(
          [0, 1].map(async (i) => {
            const r = await booking.createResources({ title: `Tour ${round}.${i}`, handle: `tour-${round}-${i}` })
            await booking.setCapacity(r.id, { from: day(1), to: day(DAYS), max_capacity: 6 })
            return r.id
          })
        )
        // Two variants book resource 0, one books resource 1.
        return createBookableProduct(container, store, {
          title: `Tours ${round}`,
          variants: [
            { title: "A", price: 10, resource_id: resources[0] },
            { title: "B", price: 10, resource_id: resources[0] },
            { title: "C", price: 10, resource_id: resources[1] },
          ],
        })
      }
      const db = await connect(dbConfig.clientUrl)
      const orders: string[] = []
      const unexpected: string[] = []
      const done = { add: 0, update: 0, remove: 0, complete: 0, cancel: 0, draft: 0, convert: 0, dropDraft: 0, edit: 0, return: 0, reschedule: 0 }
      const drafts: string[] = []
      const takeDraft = (pick: number) => (drafts.length ? drafts.splice(pick % drafts.length, 1)[0] : null)

      const shopper = (product: { variant_ids: string[] }) => {
        let cartId: string | null = null
        const cart = async () => (cartId ??= (await createStoreCart(api, pk, store)).id)
        const items = async () => {
          const { data: [c] } = await query.graph({ entity: "cart", fields: ["items.id"], filters: { id: await cart() } })
          return (c?.items ?? []) as { id: string }[]
        }
        return async (op: Op) => {
          try {
            switch (op.kind) {
              case "add":
                await addToCartWorkflow(container).run({
                  input: {
                    cart_id: await cart(),
                    items: [{ variant_id: product.variant_ids[op.v], quantity: op.q, metadata: { booking_date: day(op.d + 1) } }],
                  },
                })
                done.add++
                return
              case "update":
              case "remove": {
                const list = await items()
                if (!list.length) return
                const item = list[op.pick % list.length]
                if (op.kind === "remove" || op.q === 0) {
                  await deleteLineItemsWorkflow(container).run({ input: { cart_id: await cart(), ids: [item.id] } })
                  done.remove++
                } else {
                  await updateLineItemInCartWorkflow(container).run({
                    input: { cart_id: await cart(), item_id: item.id, update: { quantity: op.q } },
                  })
                  done.update++
                }
                return
              }
              case "timeTravel":
                await db.query(
                  `UPDATE booking_hold SET expires_at = now() - interval '1 minute'
                   WHERE (cart_id = $1 OR order_id = ANY($2::text[])) AND status = 'active'`,
                  [await cart(), drafts]
                )
                return
              case "complete": {
                if (!(await items()).length) return
                const id = await cart()
                await prepareCheckout(api, pk, id, store)
                const { result } = await completeCartWorkflow(container).run({ input: { id } })
                orders.push(result.id)
                done.complete++
                cartId = null // a completed cart is done; the next op starts a new one
                return
              }
              case "cancel":
                if (!orders.length) return
                await cancelOrderWorkflow(container).run({ input: { order_id: orders[op.pick % orders.length] } })
                done.cancel++
                return
              case "draft": {
                const { result } = await createDraftOrderWithBookingsWorkflow(container).run({
                  input: {
                    region_id: store.region_id,
                    sales_channel_id: store.sales_channel_id,
                    currency_code: "eur",
                    email: "phone@example.com",
                    status: "draft",
                    is_draft_order: true,
                    items: [{ variant_id: product.variant_ids[op.v], quantity: op.q, metadata: { booking_date: day(op.d + 1) } }],
                  },
                })
                drafts.push(result.id)
                done.draft++
                return
              }
              case "convert": {
                const id = takeDraft(op.pick)
                if (!id) return
                try {
                  await convertDraftOrderWithBookingsWorkflow(container).run({ input: { id } })
                } catch (e) {
                  drafts.push(id) // refused: still a draft
                  throw e
                }
                orders.push(id)
                done.convert++
                return
              }
              case "dropDraft": {
                const id = takeDraft(op.pick)
                if (!id) return
                await deleteDraftOrderWithBookingsWorkflow(container).run({ input: { order_ids: [id] } })
                done.dropDraft++
                return
              }
              case "return": {
                if (!orders.length) return
                const order_id = orders[op.pick % orders.length]
                const { data: [order] } = await query.graph({
                  entity: "order",
                  fields: ["status", "items.id", "items.detail.quantity", "items.detail.fulfilled_quantity", "items.detail.return_requested_quantity", "items.detail.return_received_quantity", "shipping_methods.id"],
                  filters: { id: order_id },
                })
                const item = (order?.items ?? []).find((i: any) => Number(i.detail.quantity) > Number(i.detail.return_received_quantity)) as any
                if (!order || order.status === "canceled" || !item || !order.shipping_methods?.length) return
                const open = Number(item.detail.quantity) - Number(item.detail.fulfilled_quantity)
                if (open > 0) {
                  await createOrderFulfillmentWorkflow(container).run({ input: { order_id, items: [{ id: item.id, quantity: open }] } })
                }
                const q = Math.min(op.q, Number(item.detail.quantity) - Number(item.detail.return_received_quantity) - Number(item.detail.return_requested_quantity))
                if (q < 1) return
                const { result: change } = await beginReturnOrderWorkflow(container).run({ input: { order_id } })
                const return_id = (change as any).return_id
                await requestItemReturnWorkflow(container).run({ input: { return_id, items: [{ id: item.id, quantity: q }] } })
                await confirmReturnRequestWorkflow(container).run({ input: { return_id } })
                await beginReceiveReturnWorkflow(container).run({ input: { return_id } })
                await receiveItemReturnRequestWorkflow(container).run({ input: { return_id, items: [{ id: item.id, quantity: q }] } })
                await confirmReturnReceiveWithBookingsWorkflow(container).run({ input: { return_id } })
                done.return++
                return
              }
              case "reschedule": {
                if (!orders.length) return
                const [hold] = await booking.listHolds({ order_id: orders[op.pick % orders.length], status: "confirmed" }, { take: 1 })
                if (!hold) return
                const others = Array.from({ length: DAYS }, (_, i) => day(i + 1)).filter((d) => d !== hold.date)
                await rescheduleBookingWorkflow(container).run({
                  input: { hold_id: hold.id, date: others[op.d % others.length], quantity: Math.min(op.q, hold.quantity) },
                })
                done.reschedule++
                return
              }
              case "edit": {
                if (!orders.length) return
                const order_id = orders[op.pick % orders.length]
                const { data: [order] } = await query.graph({ entity: "order", fields: ["status", "items.id"], filters: { id: order_id } })
                if (!order || order.status === "canceled" || !order.items?.length) return
                await beginOrderEditOrderWorkflow(container).run({ input: { order_id } })
                try {
                  if (op.add) {
                    await orderEditAddItemsWithBookingsWorkflow(container).run({
                      input: { order_id, items: [{ variant_id: product.variant_ids[op.v], quantity: Math.max(1, op.q), metadata: { booking_date: day(op.d + 1) } }] },
                    })
                  } else {
                    const item = order.items[op.pick % order.items.length]!
                    await orderEditUpdateItemWithBookingsWorkflow(container).run({ input: { order_id, items: [{ id: item.id, quantity: op.q }] } })
                  }
                  if (!op.confirm) throw new Error("cancel")
                  await requestOrderEditRequestWorkflow(container).run({ input: { order_id } })
                  await confirmOrderEditWithBookingsWorkflow(container).run({ input: { order_id } })
                  done.edit++
                } catch (e: any) {
                  await cancelOrderEditWithBookingsWorkflow(container).run({ input: { order_id } })
                  if (e?.message !== "cancel") throw e
                }
                return
              }
            }
          } catch (e: any) {
            // Workflows throw the MedusaError; the HTTP steps of checkout answer with its body.
            const error = e?.response?.data ?? e
            if (!EXPECTED.has(error?.type)) {
              unexpected.push(`${op.kind}: ${error?.type} ${error?.message ?? e}`)
            }
          }
        }
      }

      try {
        await fc.assert(
          fc.asyncProperty(
            fc.array(fc.array(opArb, { minLength: OPS_PER_CLIENT, maxLength: OPS_PER_CLIENT }), { minLength: CLIENTS, maxLength: CLIENTS }),
            async (clients) => {
              const product = await freshStock()
              const sweeps = [1, 2].map(() => booking.cleanupExpiredHolds({ batchSize: 2 }))
              await Promise.all([
                ...clients.map(async (ops) => {
                  const run = shopper(product)
                  for (const op of ops) await run(op)
                }),
                ...sweeps.map(async (s) => {
                  const result = await s
                  if (result.error) unexpected.push(`sweep: ${result.error}`)
                }),
              ])
              expect(unexpected).toEqual([])
              expect(await invariantViolations(db)).toEqual([])
              // Checkout confirms holds before Medusa creates the order; the order's id is
              // written on them right after (order.placed), and by every read of the
              // plugin's own. This raw read does what those do first.
              await bindCheckoutOrders(container)
              // Every booking line of a checkout's order is covered by its confirmed holds of
              // that cart line; a canceled order holds nothing. (An edit's holds are the
              // order line's: the audit below checks edited and converted orders.)
              const { rows } = await db.query(`
                SELECT o.id, o.status, li.id AS line, oi.quantity::int AS quantity,
                  coalesce((SELECT sum(h.quantity) FROM booking_hold h
                    WHERE h.order_id = o.id AND h.line_item_id = cli.id AND h.status = 'confirmed'), 0)::int AS confirmed
                FROM "order" o
                JOIN order_item oi ON oi.order_id = o.id AND oi.deleted_at IS NULL
                JOIN order_line_item li ON li.id = oi.item_id
                JOIN order_cart oc ON oc.order_id = o.id
                JOIN cart_line_item cli ON cli.cart_id = oc.cart_id AND cli.variant_id = li.variant_id
                  AND cli.metadata->>'booking_date' = li.metadata->>'booking_date' AND cli.deleted_at IS NULL
                WHERE o.deleted_at IS NULL AND o.version = 1`)
              for (const row of rows) {
                expect({ order: row.id, line: row.line, covered: row.confirmed }).toEqual({
                  order: row.id,
                  line: row.line,
                  covered: row.status === "canceled" ? 0 : row.quantity,
                })
              }
              // The audit covers every order, edited and converted ones too.
              const report = await booking.auditBookings()
              expect([report.available, report.uncovered, report.orphaned]).toEqual([true, [], []])
            }
          ),
          {
            numRuns: RUNS,
            seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined,
            endOnFailure: true,
          }
        )
        // The load really went through every kind of operation.
        expect(done.add).toBeGreaterThan(RUNS)
        for (const kind of ["update", "remove", "complete", "cancel", "draft", "convert", "dropDraft", "edit", "return", "reschedule"] as const) {
          expect({ kind, ran: done[kind] > 0 }).toEqual({ kind, ran: true })
        }
      } finally {
        await db.end()
      }
    })
  },
})
