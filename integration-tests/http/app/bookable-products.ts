import type { MedusaSuiteOptions } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { HoldEvents } from "../../../src/workflows"
import { RESOURCE_BOOKING_MODULE } from "../../../src/modules/resource_booking"
import { createBookableProduct, type StoreSetup } from "../../../scripts/lib/store-setup"
import { connect, day, expectInvariant, expireInDb, invariantViolations } from "../../helpers/db"
import { call, recordEvents } from "../../helpers/http"
import { addLineItem, checkoutCart, completeCart, createStoreCart, prepareCheckout, type StoreHeaders, beforeEachStore, type TestStore } from "../../helpers/storefront"

const A = "/admin/resource-booking"
const S = "/store/resource-booking"

// A bookable product sold through Medusa's own cart, checkout and order
// cancel: every step is the storefront's or the admin's HTTP call, and the
// order comes from Medusa's real completion workflow.
export default function bookableProducts({ api, getContainer, dbConfig }: MedusaSuiteOptions) {
  let admin: TestStore["admin"], store: StoreSetup, pk: StoreHeaders
  beforeEachStore(api, getContainer, (t) => ({ admin, store, pk } = t))

  /** A resource with `max` on days 1..7, and a product whose two variants book it, plus a plain variant. */
  async function bookableTour(max: number) {
    const booking = getContainer().resolve<any>(RESOURCE_BOOKING_MODULE)
    const resource = await booking.createResources({ title: "Harbour kayak tour", handle: `kayak-${Date.now()}` })
    await booking.setCapacity(resource.id, { from: day(1), to: day(7), max_capacity: max })
    const product = await createBookableProduct(getContainer(), store, {
      title: "Harbour kayak tour",
      variants: [
        { title: "Adult", price: 50, resource_id: resource.id },
        { title: "Child", price: 30, resource_id: resource.id },
        { title: "Souvenir map", price: 5, resource_id: null },
      ],
    })
    const [adult, child, plain] = product.variant_ids
    return { resource, adult, child, plain }
  }

  async function available(variantId: string, date: string) {
    const { data } = await api.get(`${S}/variants/${variantId}/availability?from=${date}&to=${date}`, pk)
    return data.availability[0].available_capacity as number
  }

  async function cartHolds(cartId: string, status?: string) {
    const { data } = await api.get(`${A}/holds?cart_id=${cartId}${status ? `&status=${status}` : ""}`, admin)
    return data.holds as any[]
  }

  async function lineItems(cartId: string) {
    return (await api.get(`/store/carts/${cartId}`, pk)).data.cart.items as any[]
  }

  async function orderCount() {
    return (await api.get(`/admin/orders?fields=id`, admin)).data.count as number
  }

  it("the whole flow: availability → add with a date → checkout → confirmed bookings → cancel → capacity back", async () => {
    const events = recordEvents(getContainer(), [HoldEvents.CONFIRMED, HoldEvents.CANCELED])
    const { resource, adult, child, plain } = await bookableTour(10)
    const { data: avail } = await api.get(`${S}/variants/${adult}/availability?from=${day(1)}&to=${day(2)}`, pk)
    expect(avail).toMatchObject({
      resource_id: resource.id,
      availability: [
        { date: day(1), slot: "", max_capacity: 10, available_capacity: 10 },
        { date: day(2), slot: "", max_capacity: 10, available_capacity: 10 },
      ],
    })

    const cart = await createStoreCart(api, pk, store)
    expect((await addLineItem(api, pk, cart.id, { variant_id: adult, quantity: 2, metadata: { booking_date: day(3) } })).status).toBe(200)
    expect((await addLineItem(api, pk, cart.id, { variant_id: child, quantity: 1, metadata: { booking_date: day(3) } })).status).toBe(200)
    expect((await addLineItem(api, pk, cart.id, { variant_id: plain, quantity: 1 })).status).toBe(200)
    expect(await available(adult, day(3))).toBe(7)

    const items = await lineItems(cart.id)
    const holds = await cartHolds(cart.id, "active")
    const adultLine = items.find((i) => i.variant_id === adult)
    const childLine = items.find((i) => i.variant_id === child)
    expect(holds.map((h) => [h.line_item_id, h.resource_id, h.date, h.quantity]).sort()).toEqual(
      [
        [adultLine.id, resource.id, day(3), 2],
        [childLine.id, resource.id, day(3), 1],
      ].sort()
    )

    const completed = await checkoutCart(api, pk, cart.id, store)
    expect(completed.status).toBe(200)
    expect(completed.data.type).toBe("order")
    const order = completed.data.order
    const booked = await cartHolds(cart.id)
    expect(booked.map((h) => [h.status, h.order_id])).toEqual([
      ["confirmed", order.id],
      ["confirmed", order.id],
    ])
    expect((await api.get(`${A}/holds?order_id=${order.id}`, admin)).data.count).toBe(2)
    expect(await available(adult, day(3))).toBe(7)
    expect(events.filter((e) => e.name === HoldEvents.CONFIRMED).map((e) => e.data.ids.sort())).toEqual([
      booked.map((h) => h.id).sort(),
    ])

    // Cancel in the admin: the bookings give their capacity back, once.
    expect((await api.post(`/admin/orders/${order.id}/cancel`, {}, admin)).status).toBe(200)
    expect((await cartHolds(cart.id)).map((h) => h.status)).toEqual(["canceled", "canceled"])
    expect(await available(adult, day(3))).toBe(10)
    const again = await call(api.post(`/admin/orders/${order.id}/cancel`, {}, admin))
    expect(again.status).toBeLessThan(500)
    expect(await available(adult, day(3))).toBe(10)
    expect((await cartHolds(cart.id)).map((h) => h.status)).toEqual(["canceled", "canceled"])
    expect(events.filter((e) => e.name === HoldEvents.CANCELED)).toHaveLength(1)
    expect((await api.get(`${A}/health`, admin)).data.holds).toMatchObject({ canceled: 2, confirmed: 0 })
    await expectInvariant(dbConfig.clientUrl)
  })

  it("add to cart refuses a missing or malformed date and too little capacity, adding nothing", async () => {
    const { resource, adult, plain } = await bookableTour(3)
    const cart = await createStoreCart(api, pk, store)

    for (const metadata of [undefined, {}, { booking_date: "2026-02-30" }, { booking_date: "tomorrow" }, { booking_date: day(-1) }]) {
      const res = await addLineItem(api, pk, cart.id, { variant_id: adult, quantity: 1, ...(metadata && { metadata }) })
      expect(res.status).toBe(400)
      expect(res.data.type).toBe("invalid_data")
      expect(res.data.message).toContain("booking_date")
    }
    const short = await addLineItem(api, pk, cart.id, { variant_id: adult, quantity: 4, metadata: { booking_date: day(2) } })
    expect(short.status).toBe(400)
    expect(short.data.type).toBe("not_allowed")
    expect(short.data.message).toBe(
      `Not enough capacity for resource "Harbour kayak tour" (${resource.id}) on ${day(2)}: requested 4, available 3`
    )
    expect(await lineItems(cart.id)).toEqual([])
    expect(await cartHolds(cart.id)).toEqual([])
    expect(await available(adult, day(2))).toBe(3)

    // A plain variant is sold exactly as before: no date, no hold.
    expect((await addLineItem(api, pk, cart.id, { variant_id: plain, quantity: 2 })).status).toBe(200)
    expect(await cartHolds(cart.id)).toEqual([])
    const stock = await call(api.get(`${S}/variants/${plain}/availability?from=${day(1)}&to=${day(1)}`, pk))
    expect(stock.status).toBe(404)
    expect((await call(api.get(`${S}/variants/variant_nope/availability?from=${day(1)}&to=${day(1)}`, pk))).status).toBe(404)
    await expectInvariant(dbConfig.clientUrl)
  })

  it("the same variant on two dates stays two line items; quantity updates resize the hold; removal releases it", async () => {
    const { adult } = await bookableTour(5)
    const cart = await createStoreCart(api, pk, store)
    await addLineItem(api, pk, cart.id, { variant_id: adult, quantity: 1, metadata: { booking_date: day(1) } })
    await addLineItem(api, pk, cart.id, { variant_id: adult, quantity: 2, metadata: { booking_date: day(2) } })
    // Same variant and day: Medusa merges it into the line, and the hold follows.
    await addLineItem(api, pk, cart.id, { variant_id: adult, quantity: 1, metadata: { booking_date: day(1) } })
    const items = await lineItems(cart.id)
    expect(items.map((i) => [i.metadata.booking_date, i.quantity]).sort()).toEqual([[day(1), 2], [day(2), 2]])
    const first = items.find((i) => i.metadata.booking_date === day(1))
    const second = items.find((i) => i.metadata.booking_date === day(2))
    const active = async () =>
      (await cartHolds(cart.id, "active")).map((h) => [h.line_item_id, h.date, h.quantity]).sort()
    expect(await active()).toEqual([[first.id, day(1), 2], [second.id, day(2), 2]].sort())

    expect((await call(api.post(`/store/carts/${cart.id}/line-items/${first.id}`, { quantity: 4 }, pk))).status).toBe(200)
    expect(await active()).toEqual([[first.id, day(1), 4], [second.id, day(2), 2]].sort())
    expect(await available(adult, day(1))).toBe(1)

    const tooMany = await call(api.post(`/store/carts/${cart.id}/line-items/${first.id}`, { quantity: 6 }, pk))
    expect(tooMany.status).toBe(400)
    expect(tooMany.data.message).toContain(`on ${day(1)}: requested 6, available 5`)
    expect((await lineItems(cart.id)).find((i) => i.id === first.id).quantity).toBe(4)
    expect(await active()).toEqual([[first.id, day(1), 4], [second.id, day(2), 2]].sort())

    expect((await call(api.post(`/store/carts/${cart.id}/line-items/${first.id}`, { quantity: 1 }, pk))).status).toBe(200)
    expect(await available(adult, day(1))).toBe(4)

    expect((await call(api.delete(`/store/carts/${cart.id}/line-items/${first.id}`, pk))).status).toBe(200)
    expect(await active()).toEqual([[second.id, day(2), 2]])
    expect(await available(adult, day(1))).toBe(5)
    // Quantity 0 is Medusa's other way to remove a line.
    expect((await call(api.post(`/store/carts/${cart.id}/line-items/${second.id}`, { quantity: 0 }, pk))).status).toBe(200)
    expect(await active()).toEqual([])
    expect(await available(adult, day(2))).toBe(5)
    await expectInvariant(dbConfig.clientUrl)
  })

  it("a lapsed hold whose unit was sold to another cart: completion refused, no order, no payment", async () => {
    const { resource, adult } = await bookableTour(2)
    const late = await createStoreCart(api, pk, store)
    await addLineItem(api, pk, late.id, { variant_id: adult, quantity: 2, metadata: { booking_date: day(4) } })
    const db = await connect(dbConfig.clientUrl)
    try {
      await expireInDb(db, (await cartHolds(late.id)).map((h) => h.id))
      const other = await createStoreCart(api, pk, store)
      expect((await addLineItem(api, pk, other.id, { variant_id: adult, quantity: 1, metadata: { booking_date: day(4) } })).status).toBe(200)

      const refused = await checkoutCart(api, pk, late.id, store)
      expect(refused.status).toBe(400)
      expect(refused.data.type).toBe("not_allowed")
      expect(refused.data.message).toBe(
        `Not enough capacity for resource "Harbour kayak tour" (${resource.id}) on ${day(4)}: requested 2, available 1`
      )
      expect(await orderCount()).toBe(0)
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: [cart] } = await query.graph({
        entity: "cart",
        fields: ["completed_at", "payment_collection.status", "payment_collection.payment_sessions.status", "payment_collection.payments.id"],
        filters: { id: late.id },
      })
      expect(cart.completed_at).toBeNull()
      expect(cart.payment_collection.payments ?? []).toEqual([])
      expect(cart.payment_collection.payment_sessions.map((s: any) => s.status)).not.toContain("authorized")
      expect((await cartHolds(late.id)).map((h) => h.status)).toEqual(["expired"])
      expect(await available(adult, day(4))).toBe(1)
      expect(await invariantViolations(db)).toEqual([])
    } finally {
      await db.end()
    }
  })

  it("a lapsed hold whose capacity is still free is taken again and the order completes", async () => {
    const { adult } = await bookableTour(2)
    const cart = await createStoreCart(api, pk, store)
    await addLineItem(api, pk, cart.id, { variant_id: adult, quantity: 2, metadata: { booking_date: day(5) } })
    const [lapsed] = await cartHolds(cart.id)
    const db = await connect(dbConfig.clientUrl)
    try {
      await expireInDb(db, [lapsed.id])
      // The sweep gives its capacity back first, as in production.
      await getContainer().resolve<any>(RESOURCE_BOOKING_MODULE).cleanupExpiredHolds()
      const done = await checkoutCart(api, pk, cart.id, store)
      expect(done.status).toBe(200)
      expect(done.data.type).toBe("order")
      const holds = await cartHolds(cart.id)
      expect(holds.map((h) => [h.status, h.order_id, h.quantity]).sort()).toEqual(
        [["confirmed", done.data.order.id, 2], ["expired", null, 2]].sort()
      )
      expect(await available(adult, day(5))).toBe(0)
      expect(await invariantViolations(db)).toEqual([])
    } finally {
      await db.end()
    }
  })

  it("holds made through the holds API are adopted by their line item, and released at checkout when none matches", async () => {
    const { resource, adult } = await bookableTour(4)
    const cart = await createStoreCart(api, pk, store)
    const { hold } = (await api.post(`${S}/holds`, { cart_id: cart.id, resource_id: resource.id, date: day(2), quantity: 1 }, pk)).data
    const { hold: stray } = (await api.post(`${S}/holds`, { cart_id: cart.id, resource_id: resource.id, date: day(3), quantity: 1 }, pk)).data
    await addLineItem(api, pk, cart.id, { variant_id: adult, quantity: 1, metadata: { booking_date: day(2) } })
    const [line] = await lineItems(cart.id)
    expect((await cartHolds(cart.id, "active")).map((h) => [h.id, h.line_item_id]).sort()).toEqual(
      [[hold.id, line.id], [stray.id, null]].sort()
    )
    const done = await checkoutCart(api, pk, cart.id, store)
    expect(done.data.type).toBe("order")
    const after = Object.fromEntries((await cartHolds(cart.id)).map((h) => [h.id, h.status]))
    expect(after).toEqual({ [hold.id]: "confirmed", [stray.id]: "released" })
    expect(await available(adult, day(3))).toBe(4)
    await expectInvariant(dbConfig.clientUrl)
  })

  it("20 carts whose holds lapsed race to complete for the last 5 units: exactly 5 orders", async () => {
    const { resource, adult } = await bookableTour(20)
    const carts: string[] = []
    // Four shoppers at a time fill the carts: setup, not the race under test.
    for (let batch = 0; batch < 5; batch++) {
      await Promise.all(
        [0, 1, 2, 3].map(async () => {
          const cart = await createStoreCart(api, pk, store)
          await addLineItem(api, pk, cart.id, { variant_id: adult, quantity: 1, metadata: { booking_date: day(6) } })
          await prepareCheckout(api, pk, cart.id, store)
          carts.push(cart.id)
        })
      )
    }
    const db = await connect(dbConfig.clientUrl)
    try {
      const { rows } = await db.query(`SELECT id FROM booking_hold WHERE status = 'active' AND date = $1`, [day(6)])
      expect(rows).toHaveLength(20)
      await expireInDb(db, rows.map((r) => r.id))
      // Another shopper takes 15 of the 20 units the lapsed holds kept.
      const buyer = await createStoreCart(api, pk, store)
      expect((await addLineItem(api, pk, buyer.id, { variant_id: adult, quantity: 15, metadata: { booking_date: day(6) } })).status).toBe(200)

      const results = await Promise.all(carts.map((id) => completeCart(api, pk, id)))
      const orders = results.filter((r) => r.status === 200 && r.data.type === "order")
      const refused = results.filter((r) => r.status === 400)
      expect(orders).toHaveLength(5)
      expect(refused).toHaveLength(15)
      for (const r of refused) {
        expect(r.data.message).toContain(`resource "Harbour kayak tour" (${resource.id}) on ${day(6)}`)
      }
      expect(await orderCount()).toBe(5)
      expect(await available(adult, day(6))).toBe(0)
      expect(await invariantViolations(db)).toEqual([])
    } finally {
      await db.end()
    }
  })
}
