import { TestEventUtils, type MedusaSuiteOptions } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createHoldsWorkflow, HoldEvents } from "../../../src/workflows"
import { RESOURCE_BOOKING_MODULE } from "../../../src/modules/resource_booking"
import { connect, day, expectInvariant, expireInDb, invariantViolations } from "../../helpers/db"
import { adminHeaders, call, createCart, recordEvents, sellResources, storeHeaders, type TestStorefront } from "../../helpers/http"

const A = "/admin/resource-booking"
const S = "/store/resource-booking"

// A store rule that refuses some carts after their capacity was taken: the
// workflow must give the capacity back.
const refusedCarts = new Set<string>()
createHoldsWorkflow.hooks.holdsCreated(async ({ input }) => {
  if (input.cart_id && refusedCarts.has(input.cart_id)) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This cart may not book today")
  }
})

export default function holdStories({ api, getContainer, dbConfig }: MedusaSuiteOptions) {
  let admin: { headers: Record<string, string> }
  let store: TestStorefront
  beforeEach(async () => {
    admin = await adminHeaders(api, getContainer())
    store = await storeHeaders(getContainer())
  })

  async function availability(resourceId: string, date: string) {
    const { data } = await api.get(`${S}/resources/${resourceId}/availability?from=${date}&to=${date}`, store)
    return data.availability[0].available_capacity
  }

  it("release story: the shopper gives the hold back and the capacity returns", async () => {
    const events = recordEvents(getContainer(), [HoldEvents.RELEASED])
    const booking = getContainer().resolve<any>(RESOURCE_BOOKING_MODULE)
    const r = await booking.createResources({ title: "Room", handle: "room" })
    await sellResources(getContainer(), store, [r.id])
    await booking.setCapacity(r.id, { from: day(2), to: day(2), max_capacity: 1 })
    const cart = await createCart(getContainer(), store)
    const { hold } = (await api.post(`${S}/holds`, { cart_id: cart.id, resource_id: r.id, date: day(2), quantity: 1 }, store)).data
    expect(await availability(r.id, day(2))).toBe(0)
    const released = TestEventUtils.waitSubscribersExecution(
      HoldEvents.RELEASED,
      getContainer().resolve(Modules.EVENT_BUS)
    )
    await api.post(`${S}/holds/${hold.id}/release`, { cart_id: cart.id }, store)
    await released
    expect(await availability(r.id, day(2))).toBe(1)
    const other = await createCart(getContainer(), store)
    const next = await api.post(`${S}/holds`, { cart_id: other.id, resource_id: r.id, date: day(2), quantity: 1 }, store)
    expect(next.data.hold.status).toBe("active")
    expect(events.map((e) => e.data.ids)).toEqual([[hold.id]])
  })

  it("compensation: a step after the capacity change fails → capacity back as before", async () => {
    const events = recordEvents(getContainer(), [HoldEvents.CREATED, HoldEvents.RELEASED])
    const booking = getContainer().resolve<any>(RESOURCE_BOOKING_MODULE)
    const r = await booking.createResources({ title: "Bike", handle: "bike" })
    await sellResources(getContainer(), store, [r.id])
    await booking.setCapacity(r.id, { from: day(1), to: day(1), max_capacity: 3 })
    const cart = await createCart(getContainer(), store)
    refusedCarts.add(cart.id)
    const released = TestEventUtils.waitSubscribersExecution(
      HoldEvents.RELEASED,
      getContainer().resolve(Modules.EVENT_BUS)
    )
    const res = await call(api.post(`${S}/holds`, { cart_id: cart.id, resource_id: r.id, date: day(1), quantity: 2 }, store))
    expect(res.status).toBe(400)
    expect(res.data.message).toBe("This cart may not book today")
    expect(await availability(r.id, day(1))).toBe(3)
    const holds = await booking.listHolds({ cart_id: cart.id })
    expect(holds.map((h: any) => h.status)).toEqual(["released"])
    // Events tell what happened: the hold existed for a moment, then was released.
    await released
    expect(events).toEqual([
      { name: HoldEvents.CREATED, data: { ids: [holds[0].id] } },
      { name: HoldEvents.RELEASED, data: { ids: [holds[0].id] } },
    ])
    await expectInvariant(dbConfig.clientUrl)
  })

  it("the sweep emits resource_booking.hold.expired in batches", async () => {
    const events = recordEvents(getContainer(), [HoldEvents.EXPIRED])
    const booking = getContainer().resolve<any>(RESOURCE_BOOKING_MODULE)
    const r = await booking.createResources({ title: "Kayak", handle: "kayak" })
    await booking.setCapacity(r.id, { from: day(1), to: day(1), max_capacity: 10 })
    const holds = await booking.placeHolds(Array.from({ length: 5 }, () => ({ resource_id: r.id, date: day(1), quantity: 1 })))
    const db = await connect(dbConfig.clientUrl)
    try {
      await expireInDb(db, holds.map((h: any) => h.id))
    } finally {
      await db.end()
    }
    const bus = getContainer().resolve(Modules.EVENT_BUS)
    const done = TestEventUtils.waitSubscribersExecution(HoldEvents.EXPIRED, bus, { triggerCount: 3 })
    const { data } = await api.post(`${A}/cleanup`, { batch_size: 2 }, admin)
    await done
    expect(data.run).toMatchObject({ expired_count: 5, batches: 3 })
    expect(events.map((e) => e.data.ids.length)).toEqual([2, 2, 1])
    expect(events.flatMap((e) => e.data.ids).sort()).toEqual(holds.map((h: any) => h.id).sort())
  })

  it("lazy expiry anywhere emits resource_booking.hold.expired (here: setting capacity, extending, deleting)", async () => {
    const events = recordEvents(getContainer(), [HoldEvents.EXPIRED])
    const booking = getContainer().resolve<any>(RESOURCE_BOOKING_MODULE)
    const r = await booking.createResources({ title: "Canoe", handle: "canoe" })
    await sellResources(getContainer(), store, [r.id])
    await booking.setCapacity(r.id, { from: day(1), to: day(2), max_capacity: 5 })
    const cart = await createCart(getContainer(), store)
    const [a, b] = await booking.placeHolds(
      [{ resource_id: r.id, date: day(1), quantity: 1 }, { resource_id: r.id, date: day(2), quantity: 1 }],
      { cart_id: cart.id }
    )
    const [c] = await booking.placeHolds([{ resource_id: r.id, date: day(2), quantity: 1 }], { cart_id: cart.id })
    const db = await connect(dbConfig.clientUrl)
    try {
      await expireInDb(db, [a.id, b.id])
    } finally {
      await db.end()
    }
    const bus = getContainer().resolve(Modules.EVENT_BUS)
    let done = TestEventUtils.waitSubscribersExecution(HoldEvents.EXPIRED, bus)
    await api.post(`${A}/resources/${r.id}/capacity`, { from: day(1), to: day(1), max_capacity: 6 }, admin)
    await done
    done = TestEventUtils.waitSubscribersExecution(HoldEvents.EXPIRED, bus)
    await api.post(`${S}/holds/${c.id}/extend`, { cart_id: cart.id, minutes: 5 }, store)
    await done
    expect(events.map((e) => e.data.ids)).toEqual([[a.id], [b.id]])
  })
}
