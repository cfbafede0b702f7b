import { medusaIntegrationTestRunner, TestEventUtils } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createHoldsWorkflow, HoldEvents } from "../../src/workflows"
import { RESOURCE_BOOKING_MODULE } from "../../src/modules/resource_booking"
import { connect, day, expectInvariant, expireInDb, invariantViolations } from "../helpers/db"
import { adminHeaders, call, createCart, prepareAppEnv, recordEvents, storeHeaders } from "../helpers/http"

jest.setTimeout(180_000)
prepareAppEnv()

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

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    let admin: { headers: Record<string, string> }
    let store: { headers: Record<string, string> }
    beforeEach(async () => {
      admin = await adminHeaders(api, getContainer())
      store = await storeHeaders(getContainer())
    })

    async function availability(resourceId: string, date: string) {
      const { data } = await api.get(`${S}/resources/${resourceId}/availability?from=${date}&to=${date}`, store)
      return data.availability[0].available_capacity
    }

    /** Places an order for the cart the way Medusa does: order linked to cart, then order.placed. */
    async function placeOrder(cartId: string) {
      const container = getContainer()
      const order = await container.resolve(Modules.ORDER).createOrders({ currency_code: "usd", email: "shopper@example.com" })
      await container.resolve(ContainerRegistrationKeys.LINK).create({
        [Modules.ORDER]: { order_id: order.id },
        [Modules.CART]: { cart_id: cartId },
      })
      const bus = container.resolve(Modules.EVENT_BUS)
      const done = TestEventUtils.waitSubscribersExecution("order.placed", bus)
      await bus.emit({ name: "order.placed", data: { id: order.id } })
      await done
      return order
    }

    it("checkout: resource → capacity → availability → hold → order placed → hold confirmed", async () => {
      const events = recordEvents(getContainer(), Object.values(HoldEvents))
      const { resource } = (await api.post(`${A}/resources`, { title: "Sunset cruise" }, admin)).data
      await api.post(`${A}/resources/${resource.id}/capacity`, { from: day(1), to: day(7), max_capacity: 8 }, admin)
      expect(await availability(resource.id, day(3))).toBe(8)

      const cart = await createCart(getContainer())
      const created = TestEventUtils.waitSubscribersExecution(
        HoldEvents.CREATED,
        getContainer().resolve(Modules.EVENT_BUS)
      )
      const { holds } = (await api.post(`${S}/holds`, {
        cart_id: cart.id,
        items: [{ resource_id: resource.id, date: day(3), quantity: 3 }, { resource_id: resource.id, date: day(4), quantity: 1 }],
      }, store)).data
      await created
      expect(await availability(resource.id, day(3))).toBe(5)

      const order = await placeOrder(cart.id)
      const { data } = await api.get(`${A}/holds?cart_id=${cart.id}`, admin)
      expect(data.holds.map((h: any) => [h.status, h.order_id])).toEqual([
        ["confirmed", order.id],
        ["confirmed", order.id],
      ])
      expect(await availability(resource.id, day(3))).toBe(5)
      const ids = holds.map((h: any) => h.id).sort()
      expect(events.filter((e) => e.name === HoldEvents.CREATED).map((e) => e.data.ids.sort())).toEqual([ids])
      expect(events.filter((e) => e.name === HoldEvents.CONFIRMED).map((e) => e.data.ids.sort())).toEqual([ids])

      // Placing it again (a redelivered event) changes nothing.
      const bus = getContainer().resolve(Modules.EVENT_BUS)
      const again = TestEventUtils.waitSubscribersExecution("order.placed", bus)
      await bus.emit({ name: "order.placed", data: { id: order.id } })
      await again
      expect((await api.get(`${A}/holds?cart_id=${cart.id}&status=confirmed`, admin)).data.count).toBe(2)
      expect((await api.get(`${A}/health`, admin)).data.holds).toMatchObject({ confirmed: 2, active: 0 })
    })

    it("an order whose cart's hold expired is not confirmed; it is logged and shown in health", async () => {
      const events = recordEvents(getContainer(), [HoldEvents.EXPIRED, HoldEvents.CONFIRMED])
      const booking = getContainer().resolve<any>(RESOURCE_BOOKING_MODULE)
      const r = await booking.createResources({ title: "Tour", handle: "tour" })
      await booking.setCapacity(r.id, { from: day(1), to: day(1), max_capacity: 4 })
      const cart = await createCart(getContainer())
      const { hold } = (await api.post(`${S}/holds`, { cart_id: cart.id, resource_id: r.id, date: day(1), quantity: 2 }, store)).data
      const db = await connect(dbConfig.clientUrl)
      try {
        await expireInDb(db, [hold.id])
        const order = await placeOrder(cart.id)
        const after = await booking.retrieveHold(hold.id)
        expect(after).toMatchObject({ status: "expired", order_id: order.id, confirmed_at: null })
        expect(await availability(r.id, day(1))).toBe(4)
        expect(await invariantViolations(db)).toEqual([])
        const health = (await api.get(`${A}/health`, admin)).data
        expect(health.status).toBe("degraded")
        expect(health.warnings).toContain(
          `Order ${order.id} was placed after 1 of its cart's hold(s) had expired; that capacity was not reserved for it.`
        )
        expect(events.filter((e) => e.name === HoldEvents.CONFIRMED)).toEqual([])
        expect(events.filter((e) => e.name === HoldEvents.EXPIRED).map((e) => e.data.ids)).toEqual([[hold.id]])
      } finally {
        await db.end()
      }
    })

    it("release story: the shopper gives the hold back and the capacity returns", async () => {
      const events = recordEvents(getContainer(), [HoldEvents.RELEASED])
      const booking = getContainer().resolve<any>(RESOURCE_BOOKING_MODULE)
      const r = await booking.createResources({ title: "Room", handle: "room" })
      await booking.setCapacity(r.id, { from: day(2), to: day(2), max_capacity: 1 })
      const cart = await createCart(getContainer())
      const { hold } = (await api.post(`${S}/holds`, { cart_id: cart.id, resource_id: r.id, date: day(2), quantity: 1 }, store)).data
      expect(await availability(r.id, day(2))).toBe(0)
      const released = TestEventUtils.waitSubscribersExecution(
        HoldEvents.RELEASED,
        getContainer().resolve(Modules.EVENT_BUS)
      )
      await api.post(`${S}/holds/${hold.id}/release`, { cart_id: cart.id }, store)
      await released
      expect(await availability(r.id, day(2))).toBe(1)
      const other = await createCart(getContainer())
      const next = await api.post(`${S}/holds`, { cart_id: other.id, resource_id: r.id, date: day(2), quantity: 1 }, store)
      expect(next.data.hold.status).toBe("active")
      expect(events.map((e) => e.data.ids)).toEqual([[hold.id]])
    })

    it("compensation: a step after the capacity change fails → capacity back as before", async () => {
      const events = recordEvents(getContainer(), [HoldEvents.CREATED, HoldEvents.RELEASED])
      const booking = getContainer().resolve<any>(RESOURCE_BOOKING_MODULE)
      const r = await booking.createResources({ title: "Bike", handle: "bike" })
      await booking.setCapacity(r.id, { from: day(1), to: day(1), max_capacity: 3 })
      const cart = await createCart(getContainer())
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
      const holds = await booking.createHolds(Array.from({ length: 5 }, () => ({ resource_id: r.id, date: day(1), quantity: 1 })))
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
      await booking.setCapacity(r.id, { from: day(1), to: day(2), max_capacity: 5 })
      const cart = await createCart(getContainer())
      const [a, b] = await booking.createHolds(
        [{ resource_id: r.id, date: day(1), quantity: 1 }, { resource_id: r.id, date: day(2), quantity: 1 }],
        { cart_id: cart.id }
      )
      const [c] = await booking.createHolds([{ resource_id: r.id, date: day(2), quantity: 1 }], { cart_id: cart.id })
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
  },
})
