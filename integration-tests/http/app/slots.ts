import type { MedusaSuiteOptions } from "@medusajs/test-utils"
import { DateTime } from "luxon"
import { createBookableProduct, type StoreSetup } from "../../../scripts/lib/store-setup"
import { day, expectInvariant } from "../../helpers/db"
import { call } from "../../helpers/http"
import { addLineItem, checkoutCart, createStoreCart, type StoreHeaders, beforeEachStore, type TestStore } from "../../helpers/storefront"

const A = "/admin/resource-booking"
const S = "/store/resource-booking"

// A tour with two departures a day, sold through the admin and store routes
// and Medusa's own cart and checkout: each (day, slot) has its own capacity.
export default function slots({ api, getContainer, dbConfig }: MedusaSuiteOptions) {
  let admin: TestStore["admin"], store: StoreSetup, pk: StoreHeaders
  beforeEachStore(api, getContainer, (t) => ({ admin, store, pk } = t))

  /** A resource with two departures, 4 seats each on days 1..2, and a product whose variant books it. */
  async function fjordTour() {
    const { data } = await api.post(`${A}/resources`, { title: "Fjord boat tour", slots: ["14:00", "09:00"] }, admin)
    await api.post(`${A}/resources/${data.resource.id}/capacity`, { from: day(1), to: day(2), max_capacity: 4 }, admin)
    const product = await createBookableProduct(getContainer(), store, {
      title: "Fjord boat tour",
      variants: [{ title: "Adult", price: 55, resource_id: data.resource.id }],
    })
    return { resource: data.resource, variant: product.variant_ids[0] }
  }

  it("admin: defines slots, sets capacity per slot or for all, reads each day's slots", async () => {
    const { resource } = await fjordTour()
    expect(resource.slots).toEqual(["09:00", "14:00"])
    const only = await api.post(
      `${A}/resources/${resource.id}/capacity`,
      { from: day(2), to: day(2), max_capacity: 6, slots: ["14:00"] },
      admin
    )
    expect(only.data.capacity).toEqual([{ date: day(2), slot: "14:00", max_capacity: 6, available_capacity: 6, is_exception: true }])
    const read = await api.get(`${A}/resources/${resource.id}/capacity?from=${day(1)}&to=${day(2)}`, admin)
    expect(read.data.capacity.map((c: any) => [c.date, c.slot, c.max_capacity])).toEqual([
      [day(1), "09:00", 4],
      [day(1), "14:00", 4],
      [day(2), "09:00", 4],
      [day(2), "14:00", 6],
    ])

    const bad: [string, unknown, string][] = [
      [`${A}/resources`, { title: "Bad", slots: ["9am"] }, "Field 'slots' must list start times as HH:MM"],
      [`${A}/resources`, { title: "Bad", slots: ["09:00", "09:00"] }, "Field 'slots' lists a slot twice"],
      [`${A}/resources/${resource.id}/capacity`, { from: day(1), to: day(1), max_capacity: 2, slots: ["10:00"] }, `has no slot "10:00"; slots must be one of 09:00, 14:00`],
      [`${A}/resources/${resource.id}/capacity`, { from: day(1), to: day(1), max_capacity: 2, slots: [] }, "Field 'slots' must list at least one slot"],
    ]
    for (const [url, body, message] of bad) {
      const res = await call(api.post(url, body, admin))
      expect([url, res.status, res.data.message]).toEqual([url, 400, expect.stringContaining(message)])
    }
    await expectInvariant(dbConfig.clientUrl)
  })

  it("admin: removing a slot in use is refused with the days that use it; a free one goes", async () => {
    const { resource } = await fjordTour()
    const cart = await createStoreCart(api, pk, store)
    await api.post(`${S}/holds`, { cart_id: cart.id, resource_id: resource.id, date: day(1), slot: "09:00", quantity: 3 }, pk)
    const refused = await call(api.post(`${A}/resources/${resource.id}`, { slots: ["14:00"] }, admin))
    expect(refused.status).toBe(400)
    expect(refused.data.message).toBe(
      `Cannot change the slots of resource "Fjord boat tour" (${resource.id}) to 14:00: active or confirmed holds use slot 09:00 on ${day(1)} (3 held); release or cancel them first`
    )
    expect((await api.get(`${A}/resources/${resource.id}`, admin)).data.resource.slots).toEqual(["09:00", "14:00"])

    const moved = await api.post(`${A}/resources/${resource.id}`, { slots: ["09:00", "17:00"] }, admin)
    expect(moved.data.resource.slots).toEqual(["09:00", "17:00"])
    const { data } = await api.get(`${S}/resources/${resource.id}/availability?from=${day(1)}&to=${day(1)}`, pk)
    expect(data.availability).toMatchObject([{ date: day(1), slot: "09:00", max_capacity: 4, available_capacity: 1 }])
    await expectInvariant(dbConfig.clientUrl)
  })

  it("store: availability per (date, slot); holds name the slot; a wrong or missing slot is a 400 naming the valid ones", async () => {
    const { resource, variant } = await fjordTour()
    const cart = await createStoreCart(api, pk, store)
    const held = await api.post(
      `${S}/holds`,
      { cart_id: cart.id, resource_id: resource.id, date: day(1), slot: "14:00", quantity: 4 },
      pk
    )
    expect(held.data.hold).toMatchObject({ slot: "14:00", quantity: 4, status: "active" })
    const { data } = await api.get(`${S}/variants/${variant}/availability?from=${day(1)}&to=${day(1)}`, pk)
    expect(data).toMatchObject({
      resource_id: resource.id,
      availability: [
        { date: day(1), slot: "09:00", max_capacity: 4, available_capacity: 4 },
        { date: day(1), slot: "14:00", max_capacity: 4, available_capacity: 0 },
      ],
    })
    const full = await call(api.post(`${S}/holds`, { cart_id: cart.id, resource_id: resource.id, date: day(1), slot: "14:00", quantity: 1 }, pk))
    expect([full.status, full.data.type, full.data.message]).toEqual([
      400,
      "not_allowed",
      `Not enough capacity for resource "Fjord boat tour" (${resource.id}) on ${day(1)} at 14:00: requested 1, available 0`,
    ])
    for (const [slot, message] of [
      [undefined, `is booked by the slot; slot must be one of 09:00, 14:00`],
      ["10:00", `has no slot "10:00"; slot must be one of 09:00, 14:00`],
    ] as const) {
      const res = await call(api.post(`${S}/holds`, { cart_id: cart.id, resource_id: resource.id, date: day(1), slot, quantity: 1 }, pk))
      expect([res.status, res.data.type, res.data.message]).toEqual([400, "invalid_data", expect.stringContaining(message)])
    }
    const malformed = await call(api.post(`${S}/holds`, { cart_id: cart.id, resource_id: resource.id, date: day(1), slot: "2pm", quantity: 1 }, pk))
    expect([malformed.status, malformed.data.message]).toEqual([400, expect.stringContaining("Field 'slot' must be a slot's start time as HH:MM")])
    await expectInvariant(dbConfig.clientUrl)
  })

  it("cart: a line item books its slot; missing or unknown slots are refused, adding nothing; checkout confirms per slot", async () => {
    const { resource, variant } = await fjordTour()
    const cart = await createStoreCart(api, pk, store)
    for (const [metadata, message] of [
      [{ booking_date: day(1) }, "metadata.booking_slot must be one of 09:00, 14:00, got null"],
      [{ booking_date: day(1), booking_slot: "11:00" }, `metadata.booking_slot must be one of 09:00, 14:00, got "11:00"`],
    ] as const) {
      const res = await addLineItem(api, pk, cart.id, { variant_id: variant, quantity: 1, metadata })
      expect([res.status, res.data.type, res.data.message]).toEqual([400, "invalid_data", expect.stringContaining(message)])
    }
    expect((await api.get(`/store/carts/${cart.id}`, pk)).data.cart.items).toEqual([])

    // Two departures of the same day are two line items, each holding its own slot.
    for (const slot of ["09:00", "14:00"]) {
      const res = await addLineItem(api, pk, cart.id, { variant_id: variant, quantity: 3, metadata: { booking_date: day(1), booking_slot: slot } })
      expect(res.status).toBe(200)
    }
    const over = await addLineItem(api, pk, cart.id, { variant_id: variant, quantity: 2, metadata: { booking_date: day(1), booking_slot: "14:00" } })
    expect([over.status, over.data.message]).toEqual([
      400,
      `Not enough capacity for resource "Fjord boat tour" (${resource.id}) on ${day(1)} at 14:00: requested 5, available 4`,
    ])
    const completed = await checkoutCart(api, pk, cart.id, store)
    expect(completed.data.type).toBe("order")
    const { data } = await api.get(`${A}/holds?order_id=${completed.data.order.id}`, admin)
    expect(data.holds.map((h: any) => [h.slot, h.quantity, h.status]).sort()).toEqual([
      ["09:00", 3, "confirmed"],
      ["14:00", 3, "confirmed"],
    ])

    // A whole-day resource refuses a slot on its line items.
    const dayTrip = await api.post(`${A}/resources`, { title: "Day trip" }, admin)
    await api.post(`${A}/resources/${dayTrip.data.resource.id}/capacity`, { from: day(1), to: day(1), max_capacity: 2 }, admin)
    const trip = await createBookableProduct(getContainer(), store, {
      title: "Day trip",
      variants: [{ title: "Adult", price: 20, resource_id: dayTrip.data.resource.id }],
    })
    const other = await createStoreCart(api, pk, store)
    const res = await addLineItem(api, pk, other.id, { variant_id: trip.variant_ids[0], quantity: 1, metadata: { booking_date: day(1), booking_slot: "09:00" } })
    expect([res.status, res.data.message]).toEqual([400, expect.stringContaining("booked by the whole day: leave out metadata.booking_slot")])
    await expectInvariant(dbConfig.clientUrl)
  })

  it("admin: a weekly schedule written out to the horizon, days set by hand kept and given back, bad rules a 400 changing nothing", async () => {
    const { data } = await api.post(`${A}/resources`, { title: "Harbour kayak", slots: ["10:00"], time_zone: "Europe/Copenhagen", booking_horizon_days: 4, cutoff_minutes: 30 }, admin)
    const r = data.resource
    expect(r).toMatchObject({ time_zone: "Europe/Copenhagen", booking_horizon_days: 4, cutoff_minutes: 30 })
    const today = DateTime.now().setZone("Europe/Copenhagen")
    const d = (i: number) => today.plus({ days: i }).toISODate()!
    await api.post(`${A}/resources/${r.id}/capacity`, { from: d(2), to: d(2), max_capacity: 0 }, admin)
    const set = await api.post(`${A}/resources/${r.id}/schedule`, { rules: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], capacity: 6 }] }, admin)
    expect(set.data).toMatchObject({ schedule: { resource_id: r.id, expanded_until: d(3) }, uncut: [] })
    const read = async () =>
      (await api.get(`${A}/resources/${r.id}/capacity?from=${d(0)}&to=${d(5)}`, admin)).data.capacity.map((c: any) => [c.date, c.max_capacity, c.is_exception])
    expect(await read()).toEqual([
      [d(0), 6, false],
      [d(1), 6, false],
      [d(2), 0, true],
      [d(3), 6, false],
    ])
    const got = await api.get(`${A}/resources/${r.id}/schedule`, admin)
    expect(got.data.schedule).toMatchObject({ rules: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], capacity: 6 }], time_zone: "Europe/Copenhagen", expanded_until: d(3) })

    const follow = await api.post(`${A}/resources/${r.id}/capacity/follow-schedule`, { from: d(2), to: d(2) }, admin)
    expect(follow.data.followed).toEqual([{ date: d(2), slot: "10:00" }])
    expect((await read())[2]).toEqual([d(2), 6, false])

    const before = await read()
    for (const [url, body, message] of [
      [`${A}/resources/${r.id}/schedule`, { rules: [{ weekdays: [0], capacity: 1 }] }, "weekdays"],
      [`${A}/resources/${r.id}/schedule`, { rules: [{ weekdays: [1], capacity: 1, every: 2 }] }, "every"],
      [`${A}/resources/${r.id}/schedule`, { rules: [{ weekdays: [1], slots: ["11:00"], capacity: 1 }] }, "not sold at 11:00"],
      [`${A}/resources`, { title: "Bad zone", time_zone: "Europe/Atlantis" }, "Field 'time_zone' must be an IANA time zone name"],
      [`${A}/resources/${r.id}`, { cutoff_minutes: -5 }, "cutoff_minutes"],
    ] as const) {
      const res = await call(api.post(url, body, admin))
      expect([url, res.status, res.data.message]).toEqual([url, 400, expect.stringContaining(message)])
    }
    expect(await read()).toEqual(before)
  })

  it("cart: a departure stops selling cutoff_minutes before it starts, on the holds API, at add to cart and at completion, naming it", async () => {
    const now = DateTime.now().setZone("UTC")
    const soon = now.plus({ minutes: 30 }).startOf("minute")
    const later = now.plus({ minutes: 150 }).startOf("minute")
    const label = (t: DateTime) => t.toFormat("HH:mm")
    const { data } = await api.post(`${A}/resources`, { title: "Sunset sail", slots: [label(soon), label(later)], cutoff_minutes: 60 }, admin)
    const r = data.resource
    for (const t of [soon, later]) {
      await api.post(`${A}/resources/${r.id}/capacity`, { from: t.toISODate(), to: t.toISODate(), max_capacity: 4 }, admin)
    }
    const product = await createBookableProduct(getContainer(), store, { title: "Sunset sail", variants: [{ title: "Adult", price: 30, resource_id: r.id }] })
    const line = (t: DateTime) => ({ variant_id: product.variant_ids[0], quantity: 1, metadata: { booking_date: t.toISODate(), booking_slot: label(t) } })
    const cart = await createStoreCart(api, pk, store)
    // The holds API refuses it the same way.
    const held = await call(api.post(`${S}/holds`, { cart_id: cart.id, resource_id: r.id, date: soon.toISODate(), slot: label(soon), quantity: 1 }, pk))
    expect([held.status, held.data.message]).toEqual([400, expect.stringContaining("its sale closed 60 minutes before it starts (cutoff_minutes; it starts")])
    const refused = await addLineItem(api, pk, cart.id, line(soon))
    expect([refused.status, refused.data.message]).toEqual([400, expect.stringMatching(new RegExp(`${soon.toISODate()} at ${label(soon)} no longer sells; its sale closed 60 minutes before it starts`))])
    expect((await addLineItem(api, pk, cart.id, line(later))).status).toBe(200)
    const avail = await api.get(`${S}/resources/${r.id}/availability?from=${soon.toISODate()}&to=${later.toISODate()}`, pk)
    expect(avail.data.availability.filter((a: any) => a.bookable).map((a: any) => a.slot)).toEqual([label(later)])

    // The cut-off moves past the line while it sits in the cart: completion refuses it.
    await api.post(`${A}/resources/${r.id}`, { cutoff_minutes: 200 }, admin)
    const done = await call(checkoutCart(api, pk, cart.id, store))
    const body = done.data?.type === "order" ? done.data : (done.data?.error ?? done.data)
    expect(JSON.stringify(body)).toMatch(/no longer sells; its sale closed 200 minutes before it starts/)
    await expectInvariant(dbConfig.clientUrl)
  })
}
