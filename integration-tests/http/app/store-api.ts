import type { MedusaSuiteOptions } from "@medusajs/test-utils"
import Medusa from "@medusajs/js-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../../src/modules/resource_booking"
import type ResourceBookingModuleService from "../../../src/modules/resource_booking/service"
import { connect, day, expectInvariant, expireInDb } from "../../helpers/db"
import { call, createCart, sellResources, storeHeaders, type TestStorefront } from "../../helpers/http"

const S = "/store/resource-booking"

export default function storeApi({ api, getContainer, dbConfig }: MedusaSuiteOptions) {
  let store: TestStorefront
  let booking: ResourceBookingModuleService

  beforeEach(async () => {
    store = await storeHeaders(getContainer())
    booking = getContainer().resolve(RESOURCE_BOOKING_MODULE)
  })

  async function tour(max = 10, extra: Record<string, unknown> = {}) {
    const r = await booking.createResources({ title: "Harbour tour", handle: `tour-${Math.random().toString(36).slice(2)}`, ...extra })
    await booking.setCapacity(r.id, { from: day(1), to: day(5), max_capacity: max })
    await sellResources(getContainer(), store, [r.id])
    return r
  }

  it("store routes need a publishable API key", async () => {
    const r = await tour()
    const cart = await createCart(getContainer(), store)
    const noKey = [
      await call(api.get(`${S}/resources/${r.id}/availability?from=${day(1)}&to=${day(2)}`)),
      await call(api.post(`${S}/holds`, { cart_id: cart.id, resource_id: r.id, date: day(1), quantity: 1 })),
      await call(api.post(`${S}/holds/hold_x/release`, { cart_id: cart.id })),
      await call(api.post(`${S}/holds/hold_x/extend`, { cart_id: cart.id })),
      await call(api.get(`${S}/holds?cart_id=${cart.id}`)),
    ]
    for (const res of noKey) {
      expect(res.status).toBe(400)
      expect(res.data.message).toMatch(/publishable/i)
    }
    const [, holds] = await booking.listAndCountHolds({})
    expect(holds).toBe(0)
  })

  it("availability per day, counting overdue holds as free; range and id errors", async () => {
    const r = await tour(4)
    const cart = await createCart(getContainer(), store)
    const { hold } = (await api.post(`${S}/holds`, { cart_id: cart.id, resource_id: r.id, date: day(2), quantity: 3 }, store)).data
    const { data } = await api.get(`${S}/resources/${r.id}/availability?from=${day(0)}&to=${day(3)}`, store)
    expect(data.availability).toMatchObject([
      { date: day(1), slot: "", max_capacity: 4, available_capacity: 4 },
      { date: day(2), slot: "", max_capacity: 4, available_capacity: 1 },
      { date: day(3), slot: "", max_capacity: 4, available_capacity: 4 },
    ])
    // Each day starts at its local midnight (the plugin's zone, UTC here) and sells.
    expect(data.availability.map((a: any) => [a.starts_at, a.bookable])).toEqual([1, 2, 3].map((i) => [`${day(i)}T00:00:00Z`, true]))
    const db = await connect(dbConfig.clientUrl)
    try {
      await expireInDb(db, [hold.id])
    } finally {
      await db.end()
    }
    const after = await api.get(`${S}/resources/${r.id}/availability?from=${day(2)}&to=${day(2)}`, store)
    expect(after.data.availability[0].available_capacity).toBe(4)

    const bad: [string, number, RegExp][] = [
      [`from=${day(3)}&to=${day(1)}`, 400, /Field 'from' must not be after field 'to'/],
      [`from=${day(1)}&to=${day(400)}`, 400, /at most 366 days/],
      [`from=tomorrow&to=${day(1)}`, 400, /Field 'from' must be a calendar day/],
      [`to=${day(1)}`, 400, /from/],
      [`from=${day(1)}&to=${day(2)}&extra=1`, 400, /Unrecognized fields: 'extra'/],
    ]
    for (const [qs, status, message] of bad) {
      const res = await call(api.get(`${S}/resources/${r.id}/availability?${qs}`, store))
      expect([qs, res.status]).toEqual([qs, status])
      expect(res.data.message).toMatch(message)
    }
    expect((await call(api.get(`${S}/resources/res_nope/availability?from=${day(1)}&to=${day(1)}`, store))).status).toBe(404)
    const inactive = await tour(4, { is_active: false })
    expect((await call(api.get(`${S}/resources/${inactive.id}/availability?from=${day(1)}&to=${day(1)}`, store))).status).toBe(404)
  })

  it("creates one hold or several at once (all or nothing), with clear 4xx for bad input", async () => {
    const r = await tour(3)
    const cart = await createCart(getContainer(), store)
    const one = await api.post(`${S}/holds`, { cart_id: cart.id, resource_id: r.id, date: day(1), quantity: 2 }, store)
    expect(one.data.hold).toMatchObject({ resource_id: r.id, date: day(1), quantity: 2, status: "active", cart_id: cart.id })

    const many = await api.post(`${S}/holds`, {
      cart_id: cart.id,
      items: [
        { resource_id: r.id, date: day(2), quantity: 3 },
        { resource_id: r.id, date: day(3), quantity: 1 },
      ],
    }, store)
    expect(many.data.holds.map((h: any) => [h.date, h.quantity])).toEqual([[day(2), 3], [day(3), 1]])

    const tooMany = await call(api.post(`${S}/holds`, {
      cart_id: cart.id,
      items: [
        { resource_id: r.id, date: day(4), quantity: 1 },
        { resource_id: r.id, date: day(1), quantity: 2 },
      ],
    }, store))
    expect(tooMany.status).toBe(400)
    expect(tooMany.data).toEqual({
      type: "not_allowed",
      message: `Not enough capacity for resource "Harbour tour" (${r.id}) on ${day(1)}: requested 2, available 1`,
    })
    // All or nothing: day 4 was not taken.
    const avail = await api.get(`${S}/resources/${r.id}/availability?from=${day(4)}&to=${day(4)}`, store)
    expect(avail.data.availability[0].available_capacity).toBe(3)

    const bad: [any, number, RegExp][] = [
      [{ cart_id: cart.id, resource_id: r.id, date: day(1), quantity: 0 }, 400, /quantity/],
      [{ cart_id: cart.id, resource_id: r.id, date: day(1), quantity: -2 }, 400, /quantity/],
      [{ cart_id: cart.id, resource_id: r.id, date: day(1), quantity: 1.5 }, 400, /Expected type: 'int' for field 'quantity'/],
      [{ cart_id: cart.id, resource_id: r.id, date: "2026-13-01", quantity: 1 }, 400, /Field 'date' must be a calendar day/],
      [{ cart_id: cart.id, resource_id: r.id, date: day(1) }, 400, /Send either/],
      [{ cart_id: cart.id, resource_id: r.id, date: day(1), quantity: 1, coupon: "x" }, 400, /Unrecognized fields: 'coupon'/],
      [{ cart_id: cart.id, items: [] }, 400, /items/],
      [{ resource_id: r.id, date: day(1), quantity: 1 }, 400, /Field 'cart_id' is required/],
      [{ cart_id: "cart_nope", resource_id: r.id, date: day(1), quantity: 1 }, 404, /Cart with id "cart_nope" was not found/],
      [{ cart_id: cart.id, resource_id: "res_nope", date: day(1), quantity: 1 }, 404, /Resource with id "res_nope" was not found/],
      [{ cart_id: cart.id, resource_id: r.id, date: day(30), quantity: 1 }, 400, /has no capacity on/],
      [{ cart_id: cart.id, resource_id: r.id, date: day(5), quantity: 99 }, 400, /requested 99, available 3/],
    ]
    for (const [body, status, message] of bad) {
      const res = await call(api.post(`${S}/holds`, body, store))
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), status])
      expect(res.data.message).toMatch(message)
    }
    const [, count] = await booking.listAndCountHolds({})
    expect(count).toBe(3)
  })

  it("release and extend only by the cart that made the hold; another cart gets 404 and nothing changes", async () => {
    const r = await tour(5)
    const mine = await createCart(getContainer(), store)
    const other = await createCart(getContainer(), store)
    const { hold } = (await api.post(`${S}/holds`, { cart_id: mine.id, resource_id: r.id, date: day(1), quantity: 2 }, store)).data

    for (const action of ["release", "extend"]) {
      const res = await call(api.post(`${S}/holds/${hold.id}/${action}`, { cart_id: other.id }, store))
      expect([action, res.status]).toEqual([action, 404])
      expect(res.data.message).toBe(`Hold with id "${hold.id}" was not found`)
    }
    const listed = await api.get(`${S}/holds?cart_id=${other.id}`, store)
    expect(listed.data).toEqual({ holds: [], count: 0, offset: 0, limit: 200 })
    const mineListed = await api.get(`${S}/holds?cart_id=${mine.id}&fields=id,quantity,status`, store)
    expect(mineListed.data.holds).toEqual([{ id: hold.id, quantity: 2, status: "active" }])
    for (const qs of [`cart_id=${mine.id}&fields=resource.title`, `cart_id=${mine.id}&with_deleted=true`, `cart_id=${mine.id}&order=cart_id`]) {
      const res = await call(api.get(`${S}/holds?${qs}`, store))
      expect([qs, res.status]).toEqual([qs, 400])
    }
    expect((await booking.retrieveHold(hold.id)).status).toBe("active")

    const extended = await api.post(`${S}/holds/${hold.id}/extend`, { cart_id: mine.id, minutes: 10 }, store)
    expect(+new Date(extended.data.hold.expires_at) - +new Date(hold.expires_at)).toBe(10 * 60_000)
    expect((await call(api.post(`${S}/holds/${hold.id}/extend`, { cart_id: mine.id, minutes: 0 }, store))).status).toBe(400)

    const released = await api.post(`${S}/holds/${hold.id}/release`, { cart_id: mine.id }, store)
    expect(released.data.hold.status).toBe("released")
    const again = await api.post(`${S}/holds/${hold.id}/release`, { cart_id: mine.id }, store)
    expect(again.data.hold.status).toBe("released")
    const late = await call(api.post(`${S}/holds/${hold.id}/extend`, { cart_id: mine.id }, store))
    expect(late.status).toBe(400)
    expect(late.data.message).toBe(`Hold ${hold.id} is released; only active holds can be extended`)

    const avail = await api.get(`${S}/resources/${r.id}/availability?from=${day(1)}&to=${day(1)}`, store)
    expect(avail.data.availability[0].available_capacity).toBe(5)
    await expectInvariant(dbConfig.clientUrl)
  })

  it("a storefront drives the store routes with @medusajs/js-sdk", async () => {
    const r = await tour(2)
    const cart = await createCart(getContainer(), store)
    const sdk = new Medusa({
      baseUrl: api.defaults.baseURL,
      publishableKey: store.headers["x-publishable-api-key"],
    })
    const { availability } = await sdk.client.fetch<any>(`${S}/resources/${r.id}/availability`, {
      query: { from: day(1), to: day(1) },
    })
    expect(availability).toMatchObject([{ date: day(1), slot: "", max_capacity: 2, available_capacity: 2, bookable: true }])
    const { hold } = await sdk.client.fetch<any>(`${S}/holds`, {
      method: "POST",
      body: { cart_id: cart.id, resource_id: r.id, date: day(1), quantity: 2 },
    })
    expect(hold.status).toBe("active")
    const refused = await sdk.client
      .fetch(`${S}/holds`, { method: "POST", body: { cart_id: cart.id, resource_id: r.id, date: day(1), quantity: 1 } })
      .catch((e: any) => e)
    expect(refused.status).toBe(400)
    expect(refused.message).toMatch(/requested 1, available 0/)
    const { holds } = await sdk.client.fetch<any>(`${S}/holds`, { query: { cart_id: cart.id } })
    expect(holds.map((h: any) => h.id)).toEqual([hold.id])
    const released = await sdk.client.fetch<any>(`${S}/holds/${hold.id}/release`, {
      method: "POST",
      body: { cart_id: cart.id },
    })
    expect(released.hold.status).toBe("released")
  })
}
