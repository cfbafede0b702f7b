import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import {
  addToCartWorkflow,
  cancelOrderWorkflow,
  completeCartWorkflow,
  deleteLineItemsWorkflow,
  updateLineItemInCartWorkflow,
} from "@medusajs/medusa/core-flows"
import fc from "fast-check"
import { RESOURCE_BOOKING_MODULE } from "../../src/modules/resource_booking"
import { bindCheckoutOrders } from "../../src/workflows"
import { createBookableProduct, setupStore } from "../../scripts/lib/store-setup"
import { connect, day, invariantViolations } from "../helpers/db"
import { prepareAppEnv } from "../helpers/http"
import { createStoreCart, prepareCheckout, publishableHeaders } from "../helpers/storefront"

jest.setTimeout(900_000)
prepareAppEnv()

// Random concurrent shoppers on Medusa's own cart workflows (add, update,
// remove, complete, cancel) plus time travel, while two sweepers run: after
// every round the invariant holds and every live order's bookings cover its
// lines. FC_SEED replays a failure; CART_PROPERTY_RUNS sets the rounds.
const RUNS = Number(process.env.CART_PROPERTY_RUNS || 6)
const CLIENTS = 3
const OPS_PER_CLIENT = 8
const DAYS = 2

type Op =
  | { kind: "add"; v: number; d: number; q: number }
  | { kind: "update"; pick: number; q: number }
  | { kind: "remove" | "timeTravel" | "complete" | "cancel"; pick: number }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("add" as const), v: fc.nat(2), d: fc.nat(DAYS - 1), q: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("update" as const), pick: fc.nat(), q: fc.integer({ min: 0, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("remove" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("timeTravel" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("complete" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("cancel" as const), pick: fc.nat() }) }
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
      const done = { add: 0, update: 0, remove: 0, complete: 0, cancel: 0 }

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
                   WHERE cart_id = $1 AND status = 'active'`,
                  [await cart()]
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
              // Every booking line of a live order is covered by its confirmed holds; a canceled order holds nothing.
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
                WHERE o.deleted_at IS NULL`)
              for (const row of rows) {
                expect({ order: row.id, line: row.line, covered: row.confirmed }).toEqual({
                  order: row.id,
                  line: row.line,
                  covered: row.status === "canceled" ? 0 : row.quantity,
                })
              }
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
        for (const kind of ["update", "remove", "complete", "cancel"] as const) {
          expect({ kind, ran: done[kind] > 0 }).toEqual({ kind, ran: true })
        }
      } finally {
        await db.end()
      }
    })
  },
})
