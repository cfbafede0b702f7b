import type { MedusaSuiteOptions } from "@medusajs/test-utils"
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
import { RESOURCE_BOOKING_MODULE } from "../../../src/modules/resource_booking"
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
} from "../../../src/workflows"
import { createBookableProduct, setupStore } from "../../../scripts/lib/store-setup"
import { connect, day, invariantViolations } from "../../helpers/db"
import { prepareAppEnv } from "../../helpers/http"
import { createStoreCart, prepareCheckout, publishableHeaders } from "../../helpers/storefront"

// Random concurrent shoppers on Medusa's own cart workflows (add, update,
// remove, complete, cancel) and operators on its order paths (drafts created,
// converted, deleted; orders edited: a line added, raised, lowered or
// removed, the edit confirmed or canceled; a line fulfilled and part of it
// returned; a booking rescheduled, all or part), plus time travel and what
// makes lines invalid (a booked day passes, a slot is dropped, a resource is
// deactivated), while two sweepers run: after every round the invariant
// holds, every live order's bookings cover its lines, the books audit finds
// nothing, and every line left in a cart can be removed, one per call as the
// store API does, whatever happened to it. FC_SEED replays a failure;
// CART_PROPERTY_RUNS sets the rounds (more follow until every kind of
// operation has run).
const RUNS = Number(process.env.CART_PROPERTY_RUNS || 6)
const CLIENTS = 3
const OPS_PER_CLIENT = 12
const DAYS = 2
// Resource 1 is sold by the slot (variant C); resource 0 by the stay, one or
// two nights: variant A sells single nights, variant B two-night stays, so
// single days and stays mix on its nights.
const SLOTS = ["09:00", "13:00"]

type Op =
  | { kind: "add" | "draft"; v: number; d: number; q: number; s: number }
  | { kind: "update"; pick: number; q: number }
  | { kind: "remove" | "timeTravel" | "complete" | "cancel" | "convert" | "dropDraft"; pick: number }
  | { kind: "edit"; pick: number; v: number; d: number; q: number; s: number; add: boolean; confirm: boolean }
  | { kind: "return"; pick: number; q: number }
  | { kind: "reschedule"; pick: number; d: number; q: number }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("add" as const), v: fc.nat(2), d: fc.nat(DAYS - 1), q: fc.integer({ min: 1, max: 3 }), s: fc.nat(1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("update" as const), pick: fc.nat(), q: fc.integer({ min: 0, max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("remove" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("timeTravel" as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("complete" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("cancel" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("draft" as const), v: fc.nat(2), d: fc.nat(DAYS - 1), q: fc.integer({ min: 1, max: 3 }), s: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("convert" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("dropDraft" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("return" as const), pick: fc.nat(), q: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("reschedule" as const), pick: fc.nat(), d: fc.nat(DAYS - 1), q: fc.integer({ min: 1, max: 3 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("edit" as const),
      pick: fc.nat(),
      v: fc.nat(2),
      d: fc.nat(DAYS - 1),
      q: fc.integer({ min: 0, max: 4 }),
      s: fc.nat(1),
      add: fc.boolean(),
      confirm: fc.boolean(),
    }),
  }
)

/** Refusals the plugin or Medusa may rightly give under this load. */
const EXPECTED = new Set<string>([MedusaError.Types.NOT_ALLOWED, MedusaError.Types.INVALID_DATA])

export default function cartProperty({ api, getContainer, dbConfig }: MedusaSuiteOptions) {
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
          const r = await booking.createResources({
            title: `Tour ${round}.${i}`,
            handle: `tour-${round}-${i}`,
            ...(i ? { slots: SLOTS } : { min_nights: 1, max_nights: 2 }),
          })
          // A stay from the last day runs one night past it.
          await booking.setCapacity(r.id, { from: day(1), to: day(DAYS + (i ? 0 : 1)), max_capacity: 6 })
          return r.id as string
        })
      )
      // Two variants book resource 0, one books resource 1.
      const product = await createBookableProduct(container, store, {
        title: `Tours ${round}`,
        variants: [
          { title: "A", price: 10, resource_id: resources[0] },
          { title: "B", price: 10, resource_id: resources[0] },
          { title: "C", price: 10, resource_id: resources[1] },
        ],
      })
      return { ...product, resources }
    }
    type Stock = Awaited<ReturnType<typeof freshStock>>
    // A line's booking: variant C books resource 1, sold by the slot; A one night, B two nights of resource 0.
    const booked = (v: number, d: number, s: number) =>
      v === 2 ? { booking_date: day(d + 1), booking_slot: SLOTS[s] } : { booking_date: day(d + 1), booking_end_date: day(d + 2 + v) }
    const resourceOf = (product: Stock, v: number) => product.resources[v === 2 ? 1 : 0]
    const variantsOf = (product: Stock, r: number) => (r === 0 ? product.variant_ids.slice(0, 2) : product.variant_ids.slice(2))
    const db = await connect(dbConfig.clientUrl)
    const orders: string[] = []
    const unexpected: string[] = []
    const done = { add: 0, update: 0, remove: 0, complete: 0, cancel: 0, draft: 0, convert: 0, dropDraft: 0, edit: 0, return: 0, reschedule: 0, dayPasses: 0, dropSlot: 0, deactivate: 0, leftLines: 0, editContended: 0 }
    const drafts: string[] = []
    const takeDraft = (pick: number) => (drafts.length ? drafts.splice(pick % drafts.length, 1)[0] : null)

    // The operator's and the clock's changes take the resource's lock
    // exclusive, as a bulk write does: no hold of it is being written meanwhile.
    const underResourceLock = async (resourceId: string, work: () => Promise<boolean>) => {
      await db.query("BEGIN")
      try {
        await db.query(`SELECT pg_advisory_xact_lock(29282, hashtext($1))`, [resourceId])
        const changed = await work()
        await db.query("COMMIT")
        return changed
      } catch (e) {
        await db.query("ROLLBACK")
        throw e
      }
    }

    // What makes lines invalid comes between the halves of a round, one kind
    // per round in turn. Midnight, as time travel: a key's day, its holds
    // and every line booking it now name a past day (one of its own, so keys
    // stay apart); it comes when no workflow is reading those lines, since
    // the clock moves but the lines' data never does.
    const midnight = async (product: Stock, r: number, d: number) => {
      const [from, to] = [day(d + 1), day(-(d + 1))]
      const moved = await underResourceLock(product.resources[r], async () => {
        const { rowCount } = await db.query(`UPDATE booking_capacity SET date = $3 WHERE resource_id = $1 AND date = $2`, [product.resources[r], from, to])
        if (!rowCount) return false
        await db.query(`UPDATE booking_hold SET date = $3 WHERE resource_id = $1 AND date = $2`, [product.resources[r], from, to])
        for (const table of ["cart_line_item", "order_line_item"]) {
          await db.query(
            `UPDATE ${table} SET metadata = jsonb_set(metadata, '{booking_date}', to_jsonb($3::text))
             WHERE variant_id = ANY($1::text[]) AND metadata->>'booking_date' = $2`,
            [variantsOf(product, r), from, to]
          )
        }
        // An order's item may carry the line's metadata too (drafts' do).
        await db.query(
          `UPDATE order_item oi SET metadata = jsonb_set(oi.metadata, '{booking_date}', to_jsonb($3::text))
           FROM order_line_item li
           WHERE li.id = oi.item_id AND li.variant_id = ANY($1::text[]) AND oi.metadata->>'booking_date' = $2`,
          [variantsOf(product, r), from, to]
        )
        return true
      })
      if (moved) done.dayPasses++
    }
    // The operator drops a departure once its holds lapsed (allowed only when
    // no active or confirmed hold uses it): the one no order booked, if any.
    const dropSlot = async (product: Stock, s: number) => {
      const resource = product.resources[1]
      await db.query(`UPDATE booking_hold SET expires_at = now() - interval '1 minute' WHERE resource_id = $1 AND status = 'active'`, [resource])
      const { rows } = await db.query(`SELECT DISTINCT slot FROM booking_hold WHERE resource_id = $1 AND status = 'confirmed'`, [resource])
      const free = [SLOTS[s], SLOTS[1 - s]].find((slot) => !rows.some((r) => r.slot === slot))
      if (!free) return
      await booking.updateResources({ id: resource, slots: SLOTS.filter((slot) => slot !== free) })
      done.dropSlot++
    }
    const invalidate = async (product: Stock, at: { r: number; d: number }) => {
      switch (round % 3) {
        case 0:
          // Only the slot resource's: a day of a stay passing alone is no state a clock makes.
          return await midnight(product, 1, at.d)
        case 1:
          return await dropSlot(product, at.d)
        case 2:
          await booking.updateResources({ id: product.resources[at.r], is_active: false })
          done.deactivate++
      }
    }

    const returning = new Map<string, Promise<void>>()
    /** Fulfills what is open of an order's first returnable line and returns up to `wanted` of it. */
    const returnSome = async (order_id: string, wanted: number): Promise<boolean> => {
      const { data: [order] } = await query.graph({
        entity: "order",
        fields: ["status", "items.id", "items.detail.quantity", "items.detail.fulfilled_quantity", "items.detail.return_requested_quantity", "items.detail.return_received_quantity", "shipping_methods.id"],
        filters: { id: order_id },
      })
      const item = (order?.items ?? []).find((i: any) => Number(i.detail.quantity) > Number(i.detail.return_received_quantity)) as any
      if (!order || order.status === "canceled" || !item || !order.shipping_methods?.length) return false
      const open = Number(item.detail.quantity) - Number(item.detail.fulfilled_quantity)
      if (open > 0) {
        await createOrderFulfillmentWorkflow(container).run({ input: { order_id, items: [{ id: item.id, quantity: open }] } })
      }
      const q = Math.min(wanted, Number(item.detail.quantity) - Number(item.detail.return_received_quantity) - Number(item.detail.return_requested_quantity))
      if (q < 1) return false
      const { result: change } = await beginReturnOrderWorkflow(container).run({ input: { order_id } })
      const return_id = (change as any).return_id
      await requestItemReturnWorkflow(container).run({ input: { return_id, items: [{ id: item.id, quantity: q }] } })
      await confirmReturnRequestWorkflow(container).run({ input: { return_id } })
      await beginReceiveReturnWorkflow(container).run({ input: { return_id } })
      await receiveItemReturnRequestWorkflow(container).run({ input: { return_id, items: [{ id: item.id, quantity: q }] } })
      await confirmReturnReceiveWithBookingsWorkflow(container).run({ input: { return_id } })
      return true
    }

    const shopper = (product: Stock) => {
      let cartId: string | null = null
      const cart = async () => (cartId ??= (await createStoreCart(api, pk, store)).id)
      const items = async () => {
        const { data: [c] } = await query.graph({ entity: "cart", fields: ["items.id"], filters: { id: await cart() } })
        return (c?.items ?? []) as { id: string }[]
      }
      const run = async (op: Op) => {
        try {
          switch (op.kind) {
            case "add":
              await addToCartWorkflow(container).run({
                input: {
                  cart_id: await cart(),
                  items: [{ variant_id: product.variant_ids[op.v], quantity: op.q, metadata: booked(op.v, op.d, op.s) }],
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
                  items: [{ variant_id: product.variant_ids[op.v], quantity: op.q, metadata: booked(op.v, op.d, op.s) }],
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
              // Medusa's createOrderFulfillmentWorkflow takes no order lock: two at
              // once on one order both write its next version (every line twice
              // from then on). Returns of one order take turns here.
              const previous = returning.get(order_id) ?? Promise.resolve()
              let finished!: () => void
              const mine = new Promise<void>((resolve) => (finished = resolve))
              returning.set(order_id, previous.then(() => mine))
              await previous
              try {
                if (await returnSome(order_id, op.q)) done.return++
              } finally {
                finished()
              }
              return
            }
            case "reschedule": {
              if (!orders.length) return
              const [hold] = await booking.listHolds({ order_id: orders[op.pick % orders.length], status: "confirmed" }, { take: 1 })
              if (!hold) return
              const others = Array.from({ length: DAYS }, (_, i) => day(i + 1)).filter((d) => d !== hold.date)
              await rescheduleBookingWorkflow(container).run({
                input: { hold_id: hold.id, date: others[op.d % others.length], slot: hold.slot || undefined, quantity: Math.min(op.q, hold.quantity) },
              })
              done.reschedule++
              return
            }
            case "edit": {
              if (!orders.length) return
              const order_id = orders[op.pick % orders.length]
              const { data: [order] } = await query.graph({ entity: "order", fields: ["status", "items.id"], filters: { id: order_id } })
              if (!order || order.status === "canceled" || !order.items?.length) return
              // Medusa's own begin and request workflows wait 2 s for the order's lock;
              // behind another client's return or edit of the same order on a loaded
              // machine they refuse ("Failed to acquire lock"), having changed nothing.
              // That is Medusa's contention, not ours: the edit is dropped and counted.
              const contended = (e: any) => /Failed to acquire lock/.test(e?.message ?? "")
              try {
                await beginOrderEditOrderWorkflow(container).run({ input: { order_id } })
              } catch (e: any) {
                if (!contended(e)) throw e
                done.editContended++
                return
              }
              try {
                if (op.add) {
                  await orderEditAddItemsWithBookingsWorkflow(container).run({
                    input: { order_id, items: [{ variant_id: product.variant_ids[op.v], quantity: Math.max(1, op.q), metadata: booked(op.v, op.d, op.s) }] },
                  })
                } else {
                  const item = order.items[op.pick % order.items.length]!
                  // Medusa's orderEditUpdateItemQuantityWorkflow reads the item without
                  // checking it is still on the order: when another client's confirmed
                  // edit removed it since this client read the order, it throws a
                  // TypeError before changing anything. Medusa's race, counted as contention.
                  await orderEditUpdateItemWithBookingsWorkflow(container)
                    .run({ input: { order_id, items: [{ id: item.id, quantity: op.q }] } })
                    .catch((e: any) => {
                      if (!/Cannot read properties of undefined \(reading 'quantity'\)/.test(e?.message ?? "")) throw e
                      done.editContended++
                      throw new Error("cancel")
                    })
                }
                if (!op.confirm) throw new Error("cancel")
                await requestOrderEditRequestWorkflow(container)
                  .run({ input: { order_id } })
                  .catch((e: any) => {
                    if (!contended(e)) throw e
                    done.editContended++
                    throw new Error("cancel")
                  })
                await confirmOrderEditWithBookingsWorkflow(container).run({ input: { order_id } })
                done.edit++
              } catch (e: any) {
                // Canceling an edit is never refused, whatever became of its lines
                // (Medusa refuses it once another shopper canceled the order meanwhile).
                await cancelOrderEditWithBookingsWorkflow(container)
                  .run({ input: { order_id } })
                  .catch((c: any) => {
                    if (!/has been canceled/.test(c?.message)) unexpected.push(`canceling an edit: ${c?.type} ${c?.message ?? c}`)
                  })
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
      // Whatever became of its lines, the shopper can take every one out, one per call.
      const emptyCart = async () => {
        if (!cartId) return
        for (const item of await items()) {
          try {
            await deleteLineItemsWorkflow(container).run({ input: { cart_id: cartId, ids: [item.id] } })
            done.leftLines++
          } catch (e: any) {
            unexpected.push(`removing a line left in the cart: ${e?.type} ${e?.message ?? e}`)
          }
        }
        const { rows } = await db.query(`SELECT count(*)::int AS n FROM booking_hold WHERE cart_id = $1 AND status = 'active'`, [cartId])
        if (rows[0].n) unexpected.push(`an emptied cart still holds: ${rows[0].n} active holds`)
      }
      return { run, emptyCart }
    }

    try {
      // The load must go through every kind of operation; random rounds
      // usually do in RUNS, and more rounds follow (up to 3 × RUNS) until they have.
      const KINDS = ["update", "remove", "complete", "cancel", "draft", "convert", "dropDraft", "edit", "return", "reschedule", "dayPasses", "dropSlot", "deactivate", "leftLines"] as const
      const missing = () => KINDS.filter((kind) => done[kind] === 0)
      for (let batch = 0; batch < 3 && (batch === 0 || missing().length); batch++) {
        await fc.assert(
          fc.asyncProperty(
            fc.array(fc.array(opArb, { minLength: OPS_PER_CLIENT, maxLength: OPS_PER_CLIENT }), { minLength: CLIENTS, maxLength: CLIENTS }),
            fc.record({ r: fc.nat(1), d: fc.nat(DAYS - 1) }),
            async (clients, at) => {
              const product = await freshStock()
              const sweeps = [1, 2].map(() => booking.cleanupExpiredHolds({ batchSize: 2 }))
              const shoppers = clients.map(() => shopper(product))
              const half = OPS_PER_CLIENT / 2
              await Promise.all([
                ...clients.map(async (ops, i) => {
                  for (const op of ops.slice(0, half)) await shoppers[i].run(op)
                }),
                ...sweeps.map(async (s) => {
                  const result = await s
                  if (result.error) unexpected.push(`sweep: ${result.error}`)
                }),
              ])
              await invalidate(product, at)
              await Promise.all(clients.map(async (ops, i) => {
                for (const op of ops.slice(half)) await shoppers[i].run(op)
              }))
              for (const s of shoppers) await s.emptyCart()
              expect(unexpected).toEqual([])
              expect(await invariantViolations(db)).toEqual([])
              // Checkout confirms holds before Medusa creates the order; the order's id is
              // written on them right after (order.placed), and by every read of the
              // plugin's own. This raw read does what those do first.
              await bindCheckoutOrders(container)
              // Every booking line of a checkout's order is covered by its confirmed holds of
              // that cart line (a stay: on each night); a canceled order holds nothing. (An edit's holds are the
              // order line's: the audit below checks edited and converted orders.)
              const { rows } = await db.query(`
                SELECT o.id, o.status, li.id AS line, (oi.quantity * CASE WHEN li.metadata ? 'booking_end_date'
                    THEN (li.metadata->>'booking_end_date')::date - (li.metadata->>'booking_date')::date ELSE 1 END)::int AS quantity,
                  coalesce((SELECT sum(h.quantity) FROM booking_hold h
                    WHERE h.order_id = o.id AND h.line_item_id = cli.id AND h.status = 'confirmed'), 0)::int AS confirmed
                FROM "order" o
                JOIN order_item oi ON oi.order_id = o.id AND oi.deleted_at IS NULL
                JOIN order_line_item li ON li.id = oi.item_id
                JOIN order_cart oc ON oc.order_id = o.id
                JOIN cart_line_item cli ON cli.cart_id = oc.cart_id AND cli.variant_id = li.variant_id
                  AND cli.metadata->>'booking_date' = li.metadata->>'booking_date'
                  AND coalesce(cli.metadata->>'booking_slot', '') = coalesce(li.metadata->>'booking_slot', '')
                  AND coalesce(cli.metadata->>'booking_end_date', '') = coalesce(li.metadata->>'booking_end_date', '') AND cli.deleted_at IS NULL
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
            seed: process.env.FC_SEED && batch === 0 ? Number(process.env.FC_SEED) : undefined,
            endOnFailure: true,
          }
        )
      }
      expect(done.add).toBeGreaterThan(RUNS)
      expect(missing()).toEqual([])
    } finally {
      await db.end()
    }
  })
}
