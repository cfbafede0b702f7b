import type { MedusaSuiteOptions } from "@medusajs/test-utils"
import { RESOURCE_BOOKING_MODULE } from "../../../src/modules/resource_booking"
import { createBookableProduct, type StoreSetup } from "../../../scripts/lib/store-setup"
import { day, expectInvariant } from "../../helpers/db"
import { call } from "../../helpers/http"
import { addLineItem, checkoutCart, createStoreCart, type StoreHeaders, beforeEachStore, type TestStore } from "../../helpers/storefront"

const A = "/admin/resource-booking"
const S = "/store/resource-booking"
const PRICE = 120

// A room sold by the stay (2 to 14 nights) through Medusa's own cart and
// checkout: one line item books every night of the stay, priced per night ×
// nights, held all or nothing.
export default function stays({ api, getContainer, dbConfig }: MedusaSuiteOptions) {
  let admin: TestStore["admin"], store: StoreSetup, pk: StoreHeaders
  beforeEachStore(api, getContainer, (t) => ({ admin, store, pk } = t))

  /** A room of `rooms` units a night on days 1..20, sold for stays of 2 to 14 nights. */
  async function room(rooms = 1) {
    const { data } = await api.post(`${A}/resources`, { title: "Sea-view room", min_nights: 2, max_nights: 14 }, admin)
    await api.post(`${A}/resources/${data.resource.id}/capacity`, { from: day(1), to: day(20), max_capacity: rooms }, admin)
    const product = await createBookableProduct(getContainer(), store, {
      title: "Sea-view room",
      variants: [{ title: "Double", price: PRICE, resource_id: data.resource.id }],
    })
    return { resource: data.resource, variant: product.variant_ids[0] as string, product: product.product_id as string }
  }

  const stay = (from: number, to: number) => ({ booking_date: day(from), booking_end_date: day(to) })

  async function nights(resourceId: string, from = 1, to = 20) {
    const { data } = await api.get(`${A}/resources/${resourceId}/capacity?from=${day(from)}&to=${day(to)}`, admin)
    return Object.fromEntries((data.capacity as any[]).map((c) => [c.date, c.available_capacity]))
  }

  async function holdsOf(filter: string) {
    const { data } = await api.get(`${A}/holds?${filter}&order=date&limit=200`, admin)
    return (data.holds as any[]).map((h) => [h.date, h.status, h.quantity])
  }

  it("admin: a resource sold by the stay has both bounds, in order, and no slots", async () => {
    const { resource } = await room()
    expect([resource.min_nights, resource.max_nights]).toEqual([2, 14])
    for (const [url, body, message] of [
      [`${A}/resources`, { title: "Bad", min_nights: 2 }, "min_nights and max_nights are set together"],
      [`${A}/resources`, { title: "Bad", min_nights: 3, max_nights: 2 }, "max_nights (2) must not be less than min_nights (3)"],
      [`${A}/resources`, { title: "Bad", min_nights: 1, max_nights: 91 }, "field 'max_nights' too big, expected at most: '90'"],
      [`${A}/resources`, { title: "Bad", min_nights: 1, max_nights: 3, slots: ["09:00"] }, "has no slots"],
      [`${A}/resources/${resource.id}`, { slots: ["09:00"] }, "has no slots"],
      [`${A}/resources/${resource.id}`, { max_nights: 1 }, "max_nights (1) must not be less than min_nights (2)"],
    ] as const) {
      const res = await call(api.post(url, body, admin))
      expect([url, res.status, res.data.message]).toEqual([url, 400, expect.stringContaining(message)])
    }
    const off = await api.post(`${A}/resources/${resource.id}`, { min_nights: null, max_nights: null }, admin)
    expect([off.data.resource.min_nights, off.data.resource.max_nights]).toEqual([null, null])
  })

  it("one line holds every night at the price per night × nights, or nothing when a night is full", async () => {
    const { resource, variant } = await room(2)
    // Night 4 has one room left.
    const other = await createStoreCart(api, pk, store)
    expect((await addLineItem(api, pk, other.id, { variant_id: variant, quantity: 1, metadata: stay(4, 6) })).status).toBe(200)

    const cart = await createStoreCart(api, pk, store)
    for (const [metadata, quantity, status, message] of [
      [{ booking_date: day(2) }, 1, 400, "metadata.booking_end_date must name the day after the last night"],
      [stay(2, 3), 1, 400, "sold for stays of 2 to 14 nights: " + `${day(2)} to ${day(3)} is 1 night(s)`],
      [stay(2, 17), 1, 400, "is 15 night(s)"],
      [stay(3, 2), 1, 400, `metadata.booking_end_date must be a calendar day after booking_date ${day(3)}`],
      [stay(2, 6), 2, 400, `Not enough capacity for resource "Sea-view room" (${resource.id}) on ${day(4)}: requested 2, available 1`],
    ] as const) {
      const res = await addLineItem(api, pk, cart.id, { variant_id: variant, quantity, metadata })
      expect([res.status, res.data.message]).toEqual([status, expect.stringContaining(message)])
    }
    expect(await holdsOf(`cart_id=${cart.id}`)).toEqual([])
    expect((await api.get(`/store/carts/${cart.id}`, pk)).data.cart.items).toEqual([])

    const added = await addLineItem(api, pk, cart.id, { variant_id: variant, quantity: 2, metadata: stay(1, 4) })
    expect([added.status, added.data.message]).toEqual([200, undefined])
    const [line] = added.data.cart.items
    expect([line.unit_price, line.quantity, added.data.cart.item_subtotal]).toEqual([3 * PRICE, 2, 6 * PRICE])
    expect(await holdsOf(`cart_id=${cart.id}`)).toEqual([
      [day(1), "active", 2],
      [day(2), "active", 2],
      [day(3), "active", 2],
    ])
    expect(await nights(resource.id, 1, 5)).toEqual({ [day(1)]: 0, [day(2)]: 0, [day(3)]: 0, [day(4)]: 1, [day(5)]: 1 })
    await expectInvariant(dbConfig.clientUrl)
  })

  it("the holds API holds a stay's every night with end_date (required for a stay, refused elsewhere), and a stay line adopts them", async () => {
    const { resource, variant } = await room(2)
    const cart = await createStoreCart(api, pk, store)
    for (const [body, message] of [
      [{ resource_id: resource.id, date: day(2), quantity: 1 }, "end_date must name the day after the last night"],
      [{ resource_id: resource.id, date: day(2), end_date: day(3), quantity: 1 }, "is 1 night(s)"],
      [{ resource_id: resource.id, date: day(2), end_date: day(2), quantity: 1 }, `end_date must be a calendar day after date ${day(2)}`],
    ] as const) {
      const res = await call(api.post(`${S}/holds`, { cart_id: cart.id, ...body }, pk))
      expect([res.status, res.data.message]).toEqual([400, expect.stringContaining(message)])
    }
    const held = await call(api.post(`${S}/holds`, { cart_id: cart.id, resource_id: resource.id, date: day(2), end_date: day(5), quantity: 1 }, pk))
    expect([held.status, held.data.holds?.map((h: any) => h.date)]).toEqual([200, [day(2), day(3), day(4)]])
    // The stay line for those nights adopts the three holds; no capacity is taken twice.
    const added = await addLineItem(api, pk, cart.id, { variant_id: variant, quantity: 1, metadata: stay(2, 5) })
    expect([added.status, added.data.message]).toEqual([200, undefined])
    expect(await holdsOf(`cart_id=${cart.id}&status=active`)).toEqual([
      [day(2), "active", 1],
      [day(3), "active", 1],
      [day(4), "active", 1],
    ])
    expect(await nights(resource.id, 2, 4)).toEqual({ [day(2)]: 1, [day(3)]: 1, [day(4)]: 1 })
    await expectInvariant(dbConfig.clientUrl)
  })

  it("a stay line is taxed and discounted as any line, on its whole price", async () => {
    const { variant } = await room(2)
    const { data: { tax_regions: [dk] } } = await api.get(`/admin/tax-regions?country_code=dk`, admin)
    expect((await call(api.post("/admin/tax-rates", { tax_region_id: dk.id, name: "VAT", code: "vat", rate: 25, is_default: true }, admin))).status).toBe(200)
    const promotion = await call(
      api.post(
        "/admin/promotions",
        { code: "TEN", type: "standard", status: "active", application_method: { type: "percentage", target_type: "items", allocation: "across", value: 10 } },
        admin
      )
    )
    expect([promotion.status, promotion.data.message]).toEqual([200, undefined])
    const cart = await createStoreCart(api, pk, store)
    await call(api.post(`/store/carts/${cart.id}`, { shipping_address: { country_code: "dk" } }, pk))
    expect((await addLineItem(api, pk, cart.id, { variant_id: variant, quantity: 1, metadata: stay(2, 5) })).status).toBe(200)
    const promoted = await call(api.post(`/store/carts/${cart.id}/promotions`, { promo_codes: ["TEN"] }, pk))
    expect([promoted.status, promoted.data.message]).toEqual([200, undefined])
    const { data: { cart: totals } } = await api.get(`/store/carts/${cart.id}`, pk)
    const [line] = totals.items
    // 3 nights × 120, 10 % off (36), 25 % VAT on the rest (81).
    expect([line.unit_price, line.adjustments.map((a: any) => a.amount), line.tax_lines.map((t: any) => t.rate)]).toEqual([360, [36], [25]])
    expect([totals.tax_total, totals.item_total]).toEqual([81, 405])
  })

  it("a region change keeps the stay and its nights, priced again in the new region's currency", async () => {
    const { resource, variant, product } = await room(2)
    const { data: { stores: [shop] } } = await api.get("/admin/stores", admin)
    await api.post(`/admin/stores/${shop.id}`, { supported_currencies: [{ currency_code: "eur", is_default: true }, { currency_code: "usd" }] }, admin)
    const us = (await api.post("/admin/regions", { name: "US", currency_code: "usd", countries: ["us"] }, admin)).data.region
    const priced = await call(api.post(`/admin/products/${product}/variants/${variant}`, { prices: [{ currency_code: "eur", amount: PRICE }, { currency_code: "usd", amount: 130 }] }, admin))
    expect([priced.status, priced.data.message]).toEqual([200, undefined])

    const cart = await createStoreCart(api, pk, store)
    expect((await addLineItem(api, pk, cart.id, { variant_id: variant, quantity: 1, metadata: stay(3, 6) })).status).toBe(200)
    const before = await holdsOf(`cart_id=${cart.id}&status=active`)
    const moved = await call(api.post(`/store/carts/${cart.id}`, { region_id: us.id }, pk))
    expect([moved.status, moved.data.message]).toEqual([200, undefined])
    expect([moved.data.cart.currency_code, moved.data.cart.items.map((i: any) => [i.unit_price, i.quantity, i.metadata.booking_end_date])]).toEqual([
      "usd",
      [[3 * 130, 1, day(6)]],
    ])
    // The same holds, never released in between.
    expect(await holdsOf(`cart_id=${cart.id}`)).toEqual(before)
    expect(await nights(resource.id, 3, 5)).toEqual({ [day(3)]: 1, [day(4)]: 1, [day(5)]: 1 })
  })

  it("availability answers per start day whether a stay of N nights is bookable", async () => {
    const { resource, variant } = await room(1)
    const cart = await createStoreCart(api, pk, store)
    await addLineItem(api, pk, cart.id, { variant_id: variant, quantity: 1, metadata: stay(5, 7) })
    const { data } = await api.get(`${S}/variants/${variant}/availability?from=${day(1)}&to=${day(6)}&nights=3`, pk)
    expect(data.availability.map((d: any) => [d.date, d.end_date, d.nights, d.available_capacity, d.bookable])).toEqual([
      [day(1), day(4), 3, 1, true],
      [day(2), day(5), 3, 1, true],
      [day(3), day(6), 3, 0, false], // night 5 is taken
      [day(4), day(7), 3, 0, false],
      [day(5), day(8), 3, 0, false],
      [day(6), day(9), 3, 0, false],
    ])
    for (const [url, message] of [
      [`${S}/resources/${resource.id}/availability?from=${day(1)}&to=${day(2)}&nights=1`, "sold for stays of 2 to 14 nights"],
      [`${S}/resources/${resource.id}/availability?from=${day(1)}&to=${day(2)}&nights=x`, "for field 'nights'"],
    ]) {
      const res = await call(api.get(url, pk))
      expect([res.status, res.data.message]).toEqual([400, expect.stringContaining(message)])
    }
  })

  it("changing the dates or the quantity re-holds every night at once and re-prices; checkout confirms; cancel gives each night back once", async () => {
    const { resource, variant } = await room(2)
    const cart = await createStoreCart(api, pk, store)
    const added = await addLineItem(api, pk, cart.id, { variant_id: variant, quantity: 1, metadata: stay(1, 3) })
    const lineId = added.data.cart.items[0].id

    // Move and lengthen: nights 2..5.
    const moved = await call(api.post(`/store/carts/${cart.id}/line-items/${lineId}`, { quantity: 1, metadata: stay(2, 6) }, pk))
    expect([moved.status, moved.data.message]).toEqual([200, undefined])
    expect(moved.data.cart.items[0].unit_price).toBe(4 * PRICE)
    expect((await holdsOf(`cart_id=${cart.id}&status=active`)).map(([d]) => d)).toEqual([day(2), day(3), day(4), day(5)])

    // Night 5 has one room, this stay's: the resize to two is refused and the stay keeps what it held.
    const blocker = await createStoreCart(api, pk, store)
    await addLineItem(api, pk, blocker.id, { variant_id: variant, quantity: 1, metadata: stay(5, 7) })
    const refused = await call(api.post(`/store/carts/${cart.id}/line-items/${lineId}`, { quantity: 2 }, pk))
    expect([refused.status, refused.data.message]).toEqual([400, expect.stringContaining(`on ${day(5)}: requested 2, available 1`)])
    expect(await holdsOf(`cart_id=${cart.id}&status=active`)).toEqual([
      [day(2), "active", 1],
      [day(3), "active", 1],
      [day(4), "active", 1],
      [day(5), "active", 1],
    ])
    const resized = await call(api.post(`/store/carts/${cart.id}/line-items/${lineId}`, { quantity: 2, metadata: stay(2, 5) }, pk))
    expect([resized.status, resized.data.message, resized.data.cart.items[0].unit_price]).toEqual([200, undefined, 3 * PRICE])

    const done = await checkoutCart(api, pk, cart.id, store)
    expect([done.status, done.data.type]).toEqual([200, "order"])
    const order = done.data.order
    expect(Number(order.items[0].unit_price)).toBe(3 * PRICE)
    expect(await holdsOf(`order_id=${order.id}`)).toEqual([
      [day(2), "confirmed", 2],
      [day(3), "confirmed", 2],
      [day(4), "confirmed", 2],
    ])
    expect((await call(api.post(`/admin/orders/${order.id}/cancel`, {}, admin))).status).toBe(200)
    // Medusa refuses a second cancel; the hook would find nothing confirmed anyway.
    await call(api.post(`/admin/orders/${order.id}/cancel`, {}, admin))
    await getContainer().resolve<any>(RESOURCE_BOOKING_MODULE).cancelOrderHolds(order.id)
    expect(await holdsOf(`order_id=${order.id}`)).toEqual([
      [day(2), "canceled", 2],
      [day(3), "canceled", 2],
      [day(4), "canceled", 2],
    ])
    expect(await nights(resource.id, 2, 4)).toEqual({ [day(2)]: 2, [day(3)]: 2, [day(4)]: 2 })
    expect((await api.get(`${A}/audit`, admin)).data.uncovered).toEqual([])
    await expectInvariant(dbConfig.clientUrl)
  })

  it("two shoppers racing for overlapping stays on the last room: exactly one wins, for every overlap shape", async () => {
    const { resource, variant } = await room(1)
    // [a, b) against [c, d), each shape on its own days; adjacent stays both win.
    const shapes: [number, number, number, number, number][] = [
      [1, 3, 2, 4, 1], // overlapping tails
      [4, 8, 5, 7, 1], // one inside the other
      [8, 10, 8, 10, 1], // the same stay
      [10, 12, 10, 14, 1], // same first night
      [14, 16, 16, 18, 2], // adjacent: no night in common
    ]
    for (const [a, b, c, d, winners] of shapes) {
      const carts = [await createStoreCart(api, pk, store), await createStoreCart(api, pk, store)]
      const results = await Promise.all([
        addLineItem(api, pk, carts[0].id, { variant_id: variant, quantity: 1, metadata: stay(a, b) }),
        addLineItem(api, pk, carts[1].id, { variant_id: variant, quantity: 1, metadata: stay(c, d) }),
      ])
      expect([[a, b, c, d], results.filter((r) => r.status === 200).length]).toEqual([[a, b, c, d], winners])
      for (const r of results.filter((r) => r.status !== 200)) {
        expect(r.data.message).toMatch(/Not enough capacity|has been held|could not/)
      }
    }
    expect(Object.values(await nights(resource.id, 1, 18)).every((n) => n === 0 || n === 1)).toBe(true)
    await expectInvariant(dbConfig.clientUrl)
  })

  /** A live order of `quantity` rooms for the stay, through Medusa's checkout. */
  async function orderedStay(variant: string, quantity: number, from: number, to: number) {
    const cart = await createStoreCart(api, pk, store)
    const added = await addLineItem(api, pk, cart.id, { variant_id: variant, quantity, metadata: stay(from, to) })
    expect([added.status, added.data.message]).toEqual([200, undefined])
    const done = await checkoutCart(api, pk, cart.id, store)
    expect(done.data.type).toBe("order")
    return done.data.order as { id: string; items: { id: string; unit_price: number }[] }
  }

  const audit = async () => {
    const { data } = await api.get(`${A}/audit`, admin)
    return [data.uncovered.length, data.orphaned.length]
  }

  it("an order's stay as one booking: reschedule moves every night, an edit lowering it, a return and a draft's stay keep every night's books", async () => {
    const { resource, variant } = await room(3)
    const order = await orderedStay(variant, 2, 2, 5)

    // "Can we come a week later?": the whole stay moves, its three nights and its price with it.
    const [first] = (await api.get(`${A}/holds?order_id=${order.id}&date=${day(3)}`, admin)).data.holds
    const moved = await call(api.post(`${A}/holds/${first.id}/reschedule`, { date: day(9) }, admin))
    expect([moved.status, moved.data.message]).toEqual([200, undefined])
    expect(await holdsOf(`order_id=${order.id}&status=confirmed`)).toEqual([
      [day(9), "confirmed", 2],
      [day(10), "confirmed", 2],
      [day(11), "confirmed", 2],
    ])
    expect(await nights(resource.id, 2, 12)).toMatchObject({ [day(2)]: 3, [day(4)]: 3, [day(5)]: 3, [day(9)]: 1, [day(11)]: 1, [day(12)]: 3 })
    const { data: { order: edited } } = await api.get(`/admin/orders/${order.id}`, admin)
    expect([edited.items[0].metadata.booking_date, edited.items[0].metadata.booking_end_date, Number(edited.items[0].unit_price)]).toEqual([day(9), day(12), 3 * PRICE])
    // A move onto a full night is refused whole.
    const full = await orderedStay(variant, 1, 14, 16)
    expect(full.id).toBeTruthy()
    await orderedStay(variant, 2, 15, 17)
    const [now] = (await api.get(`${A}/holds?order_id=${order.id}&status=confirmed&date=${day(10)}`, admin)).data.holds
    const refused = await call(api.post(`${A}/holds/${now.id}/reschedule`, { date: day(13) }, admin))
    expect([refused.status, refused.data.message]).toEqual([400, expect.stringContaining(`on ${day(15)}: requested 2, available 0`)])
    expect((await holdsOf(`order_id=${order.id}&status=confirmed`)).map(([d]) => d)).toEqual([day(9), day(10), day(11)])

    // An order edit lowers the stay to one room: every night gives one back when it is confirmed.
    await api.post("/admin/order-edits", { order_id: order.id }, admin)
    await api.post(`/admin/order-edits/${order.id}/items/item/${order.items[0].id}`, { quantity: 1 }, admin)
    await api.post(`/admin/order-edits/${order.id}/request`, {}, admin)
    expect((await call(api.post(`/admin/order-edits/${order.id}/confirm`, {}, admin))).status).toBe(200)
    expect(await holdsOf(`order_id=${order.id}&status=confirmed`)).toEqual([
      [day(9), "confirmed", 1],
      [day(10), "confirmed", 1],
      [day(11), "confirmed", 1],
    ])
    expect(await nights(resource.id, 9, 11)).toEqual({ [day(9)]: 2, [day(10)]: 2, [day(11)]: 2 })

    // The room is fulfilled (checked in) and returned: every night comes back, once.
    const current = (await api.get(`/admin/orders/${order.id}?fields=items.id`, admin)).data.order.items[0].id
    expect((await call(api.post(`/admin/orders/${order.id}/fulfillments`, { items: [{ id: current, quantity: 1 }] }, admin))).status).toBe(200)
    const ret = (await api.post("/admin/returns", { order_id: order.id }, admin)).data.return
    await api.post(`/admin/returns/${ret.id}/request-items`, { items: [{ id: current, quantity: 1 }] }, admin)
    await api.post(`/admin/returns/${ret.id}/request`, {}, admin)
    await api.post(`/admin/returns/${ret.id}/receive`, {}, admin)
    await api.post(`/admin/returns/${ret.id}/receive-items`, { items: [{ id: current, quantity: 1 }] }, admin)
    expect((await call(api.post(`/admin/returns/${ret.id}/receive/confirm`, {}, admin))).status).toBe(200)
    expect(await holdsOf(`order_id=${order.id}&status=confirmed`)).toEqual([])
    expect(await nights(resource.id, 9, 11)).toEqual({ [day(9)]: 3, [day(10)]: 3, [day(11)]: 3 })

    // A phone booking of a stay: priced per night × nights, every night held, confirmed on conversion.
    const draft = await call(
      api.post(
        "/admin/draft-orders",
        { region_id: store.region_id, sales_channel_id: store.sales_channel_id, email: "phone@example.com", items: [{ variant_id: variant, quantity: 1, metadata: stay(18, 20) }] },
        admin
      )
    )
    expect([draft.status, draft.data.message]).toEqual([200, undefined])
    expect(Number(draft.data.draft_order.items[0].unit_price)).toBe(2 * PRICE)
    expect(await holdsOf(`order_id=${draft.data.draft_order.id}`)).toEqual([
      [day(18), "active", 1],
      [day(19), "active", 1],
    ])
    expect((await call(api.post(`/admin/draft-orders/${draft.data.draft_order.id}/convert-to-order`, {}, admin))).status).toBe(200)
    expect((await holdsOf(`order_id=${draft.data.draft_order.id}`)).map(([, s]) => s)).toEqual(["confirmed", "confirmed"])
    const report = (await api.get(`${A}/audit`, admin)).data
    expect([report.uncovered, report.orphaned]).toEqual([[], []])
    await expectInvariant(dbConfig.clientUrl)
  })

  it("a lapsed night is taken again at checkout, or the completion is refused naming it, with nothing confirmed", async () => {
    const { resource, variant } = await room(1)
    const booking = getContainer().resolve<any>(RESOURCE_BOOKING_MODULE)
    const cart = await createStoreCart(api, pk, store)
    await addLineItem(api, pk, cart.id, { variant_id: variant, quantity: 1, metadata: stay(3, 6) })
    const held = await booking.listHolds({ cart_id: cart.id }, { select: ["id", "date"] })
    // Every night lapses and is released by the sweep; another shopper takes night 4.
    const { Client } = await import("pg")
    const db = new Client({ connectionString: dbConfig.clientUrl })
    await db.connect()
    try {
      await db.query(`UPDATE booking_hold SET expires_at = now() - interval '1 hour' WHERE id = ANY($1)`, [held.map((h: any) => h.id)])
    } finally {
      await db.end()
    }
    await booking.cleanupExpiredHolds({})
    const other = await createStoreCart(api, pk, store)
    expect((await addLineItem(api, pk, other.id, { variant_id: variant, quantity: 1, metadata: stay(4, 6) })).status).toBe(200)
    const refused = await checkoutCart(api, pk, cart.id, store)
    expect([refused.status, refused.data.message]).toEqual([400, expect.stringContaining(`on ${day(4)}: requested 1, available 0`)])
    expect(await holdsOf(`cart_id=${cart.id}&status=confirmed`)).toEqual([])
    expect(await nights(resource.id, 3, 5)).toEqual({ [day(3)]: 1, [day(4)]: 0, [day(5)]: 0 })

    // The other shopper lets go: this cart's stay is taken again whole at checkout.
    await call(api.delete(`/store/carts/${other.id}/line-items/${(await api.get(`/store/carts/${other.id}`, pk)).data.cart.items[0].id}`, pk))
    const done = await checkoutCart(api, pk, cart.id, store)
    expect([done.status, done.data.type]).toEqual([200, "order"])
    expect(await holdsOf(`cart_id=${cart.id}&status=confirmed`)).toEqual([
      [day(3), "confirmed", 1],
      [day(4), "confirmed", 1],
      [day(5), "confirmed", 1],
    ])
    await expectInvariant(dbConfig.clientUrl)
  })
}
