import type { MedusaSuiteOptions } from "@medusajs/test-utils"
import { confirmReturnReceiveWorkflow } from "@medusajs/medusa/core-flows"
import { HoldEvents, RESOURCE_BOOKING_MODULE } from "../../../src/modules/resource_booking"
import { createBookableProduct, type StoreSetup } from "../../../scripts/lib/store-setup"
import { connect, day, expectInvariant } from "../../helpers/db"
import { interleave } from "../../helpers/interleave"
import { call, recordEvents } from "../../helpers/http"
import { addLineItem, checkoutCart, createStoreCart, type StoreHeaders, beforeEachStore, type TestStore } from "../../helpers/storefront"

const A = "/admin/resource-booking"

// After fulfilment Medusa changes an order through returns, exchanges and
// claims; an operator moves a booking with a reschedule. Each keeps the
// books: capacity comes back when a return is received, is taken when an
// outbound line is added, and moves with a reschedule, or the change is
// refused with nothing changed. Through Medusa's own admin routes.
export default function returnsExchanges({ api, getContainer, dbConfig }: MedusaSuiteOptions) {
  let admin: TestStore["admin"], store: StoreSetup, pk: StoreHeaders
  beforeEachStore(api, getContainer, (t) => ({ admin, store, pk } = t))

  async function bookable(title: string, max: number, slots?: string[]) {
    const booking = getContainer().resolve<any>(RESOURCE_BOOKING_MODULE)
    const resource = await booking.createResources({ title, handle: `${title.toLowerCase().replace(/\W+/g, "-")}-${Date.now()}`, ...(slots && { slots }) })
    await booking.setCapacity(resource.id, { from: day(1), to: day(9), max_capacity: max })
    const product = await createBookableProduct(getContainer(), store, { title, variants: [{ title: "Adult", price: 40, resource_id: resource.id }] })
    return { resource, variant: product.variant_ids[0] as string }
  }

  async function available(resourceId: string, date: string, slot = "") {
    const { data } = await api.get(`${A}/resources/${resourceId}/capacity?from=${date}&to=${date}`, admin)
    return data.capacity.find((c: any) => c.slot === slot).available_capacity as number
  }

  async function bookings(orderId: string) {
    const { data } = await api.get(`${A}/holds?order_id=${orderId}&order=created_at&limit=200`, admin)
    return (data.holds as any[]).map((h) => [h.status, h.quantity, h.date, h.slot].filter((x) => x !== "").join(" ")).sort()
  }

  async function audit() {
    const { data } = await api.get(`${A}/audit`, admin)
    return [data.uncovered, data.orphaned]
  }

  async function placedOrder(variant: string, quantity: number, date: string, slot?: string) {
    const cart = await createStoreCart(api, pk, store)
    const added = await addLineItem(api, pk, cart.id, { variant_id: variant, quantity, metadata: { booking_date: date, ...(slot && { booking_slot: slot }) } })
    expect([added.status, added.data.message]).toEqual([200, undefined])
    const done = await checkoutCart(api, pk, cart.id, store)
    expect(done.data.type).toBe("order")
    return done.data.order as { id: string; items: { id: string; quantity: number }[] }
  }

  async function fulfilled(variant: string, quantity: number, date: string) {
    const order = await placedOrder(variant, quantity, date)
    const res = await call(api.post(`/admin/orders/${order.id}/fulfillments`, { items: [{ id: order.items[0].id, quantity }] }, admin))
    expect([res.status, res.data.message]).toEqual([200, undefined])
    return order
  }

  /** A return of `received` and `dismissed` units of the order's first line, received and confirmed. */
  async function returnOf(order: { id: string; items: { id: string }[] }, received: number, dismissed = 0) {
    const line = order.items[0].id
    const ret = (await api.post("/admin/returns", { order_id: order.id }, admin)).data.return
    await api.post(`/admin/returns/${ret.id}/request-items`, { items: [{ id: line, quantity: received + dismissed }] }, admin)
    await api.post(`/admin/returns/${ret.id}/request`, {}, admin)
    await api.post(`/admin/returns/${ret.id}/receive`, {}, admin)
    if (received) await api.post(`/admin/returns/${ret.id}/receive-items`, { items: [{ id: line, quantity: received }] }, admin)
    if (dismissed) await api.post(`/admin/returns/${ret.id}/dismiss-items`, { items: [{ id: line, quantity: dismissed }] }, admin)
    return ret.id as string
  }

  describe("returns", () => {
    it("a received return gives the received and the dismissed units back, a partial one splitting the booking, once", async () => {
      const { resource, variant } = await bookable("River cruise", 6)
      const order = await fulfilled(variant, 4, day(2))
      expect(await available(resource.id, day(2))).toBe(2)

      const first = await returnOf(order, 1, 1)
      expect((await call(api.post(`/admin/returns/${first}/receive/confirm`, {}, admin))).status).toBe(200)
      expect(await available(resource.id, day(2))).toBe(4)
      expect(await bookings(order.id)).toEqual([`canceled 2 ${day(2)}`, `confirmed 2 ${day(2)}`])

      // What the subscriber of order.return_received runs finds nothing more to give back.
      const { reconcileOrderBookingsWorkflow } = await import("../../../src/workflows")
      await reconcileOrderBookingsWorkflow(getContainer()).run({ input: { order_id: order.id } })
      expect(await available(resource.id, day(2))).toBe(4)

      const second = await returnOf(order, 2)
      await api.post(`/admin/returns/${second}/receive/confirm`, {}, admin)
      expect(await available(resource.id, day(2))).toBe(6)
      expect(await bookings(order.id)).toEqual([`canceled 2 ${day(2)}`, `canceled 2 ${day(2)}`])
      expect(await audit()).toEqual([[], []])
      await expectInvariant(dbConfig.clientUrl)
    })

    it("a receive confirmed behind the plugin's routes is given back by the order.return_received subscriber; a canceled receive gives nothing", async () => {
      const { resource, variant } = await bookable("Lake swim", 5)
      const order = await fulfilled(variant, 3, day(3))
      const canceledReceive = await returnOf(order, 1)
      expect((await call(api.delete(`/admin/returns/${canceledReceive}/receive`, admin))).status).toBe(200)
      expect(await available(resource.id, day(3))).toBe(2)

      await api.post(`/admin/returns/${canceledReceive}/receive`, {}, admin)
      await api.post(`/admin/returns/${canceledReceive}/receive-items`, { items: [{ id: order.items[0].id, quantity: 1 }] }, admin)
      const events = recordEvents(getContainer(), [HoldEvents.CANCELED])
      const given = new Promise<void>((resolve) => {
        const poll = () => (events.length ? resolve() : setImmediate(poll))
        poll()
      })
      await confirmReturnReceiveWorkflow(getContainer()).run({ input: { return_id: canceledReceive } })
      await given
      expect(await available(resource.id, day(3))).toBe(3)
      expect(await audit()).toEqual([[], []])
    })
  })

  describe("exchanges and claims", () => {
    it("an exchange to another day takes its places when the outbound line is added (refused when full), confirms them, and gives back the returned ones when received", async () => {
      const { resource, variant } = await bookable("Whale watch", 3)
      const order = await fulfilled(variant, 2, day(2))
      await getContainer().resolve<any>(RESOURCE_BOOKING_MODULE).setCapacity(resource.id, { from: day(5), to: day(5), max_capacity: 1 })
      const exchange = (await api.post("/admin/exchanges", { order_id: order.id }, admin)).data.exchange
      await api.post(`/admin/exchanges/${exchange.id}/inbound/items`, { items: [{ id: order.items[0].id, quantity: 2 }] }, admin)

      const full = await call(api.post(`/admin/exchanges/${exchange.id}/outbound/items`, { items: [{ variant_id: variant, quantity: 2, metadata: { booking_date: day(5) } }] }, admin))
      expect([full.status, full.data.type, full.data.message]).toEqual([
        400,
        "not_allowed",
        `Not enough capacity for resource "Whale watch" (${resource.id}) on ${day(5)}: requested 2, available 1`,
      ])
      const noDate = await call(api.post(`/admin/exchanges/${exchange.id}/outbound/items`, { items: [{ variant_id: variant, quantity: 1 }] }, admin))
      expect([noDate.status, noDate.data.type]).toEqual([400, "invalid_data"])
      expect((await api.get(`/admin/orders/${order.id}/preview`, admin)).data.order.items).toHaveLength(1)

      await getContainer().resolve<any>(RESOURCE_BOOKING_MODULE).setCapacity(resource.id, { from: day(5), to: day(5), max_capacity: 3 })
      const added = await call(api.post(`/admin/exchanges/${exchange.id}/outbound/items`, { items: [{ variant_id: variant, quantity: 2, metadata: { booking_date: day(5) } }] }, admin))
      expect(added.status).toBe(200)
      expect(await available(resource.id, day(5))).toBe(1)
      const confirmed = await call(api.post(`/admin/exchanges/${exchange.id}/request`, {}, admin))
      expect(confirmed.status).toBe(200)
      expect(await bookings(order.id)).toEqual([`confirmed 2 ${day(2)}`, `confirmed 2 ${day(5)}`])

      // The inbound return: received, the old day's places come back.
      const returnId = confirmed.data.exchange.return_id
      await api.post(`/admin/returns/${returnId}/receive`, {}, admin)
      await api.post(`/admin/returns/${returnId}/receive-items`, { items: [{ id: order.items[0].id, quantity: 2 }] }, admin)
      expect((await call(api.post(`/admin/returns/${returnId}/receive/confirm`, {}, admin))).status).toBe(200)
      expect(await available(resource.id, day(2))).toBe(3)
      expect(await bookings(order.id)).toEqual([`canceled 2 ${day(2)}`, `confirmed 2 ${day(5)}`])
      expect(await audit()).toEqual([[], []])
      await expectInvariant(dbConfig.clientUrl)
    })

    it("a claim's replacement takes its places; dropping the claim before it is confirmed, or canceling it after, gives them back", async () => {
      const { resource, variant } = await bookable("Glacier hike", 4)
      const order = await fulfilled(variant, 1, day(2))
      const dropped = (await api.post("/admin/claims", { order_id: order.id, type: "replace" }, admin)).data.claim
      await api.post(`/admin/claims/${dropped.id}/outbound/items`, { items: [{ variant_id: variant, quantity: 3, metadata: { booking_date: day(6) } }] }, admin)
      expect(await available(resource.id, day(6))).toBe(1)
      expect((await call(api.delete(`/admin/claims/${dropped.id}/request`, admin))).status).toBe(200)
      expect(await available(resource.id, day(6))).toBe(4)

      const claim = (await api.post("/admin/claims", { order_id: order.id, type: "replace" }, admin)).data.claim
      // With an inbound item: Medusa 2.21.2 cannot cancel a claim that has no return.
      await api.post(`/admin/claims/${claim.id}/inbound/items`, { items: [{ id: order.items[0].id, quantity: 1 }] }, admin)
      await api.post(`/admin/claims/${claim.id}/outbound/items`, { items: [{ variant_id: variant, quantity: 1, metadata: { booking_date: day(6) } }] }, admin)
      expect((await call(api.post(`/admin/claims/${claim.id}/request`, {}, admin))).status).toBe(200)
      expect(await available(resource.id, day(6))).toBe(3)
      expect(await bookings(order.id)).toEqual([`confirmed 1 ${day(2)}`, `confirmed 1 ${day(6)}`, `released 3 ${day(6)}`])
      expect(await audit()).toEqual([[], []])

      const canceled = await call(api.post(`/admin/claims/${claim.id}/cancel`, {}, admin))
      expect([canceled.status, canceled.data.message]).toEqual([200, undefined])
      expect(await available(resource.id, day(6))).toBe(4)
      expect(await bookings(order.id)).toEqual([`canceled 1 ${day(6)}`, `confirmed 1 ${day(2)}`, `released 3 ${day(6)}`])
      expect(await audit()).toEqual([[], []])
      await expectInvariant(dbConfig.clientUrl)
    })
    it("an exchange dropped before it is confirmed, or canceled after, gives its outbound places back; a claim's inbound item received gives the claimed day back", async () => {
      const { resource, variant } = await bookable("Puffin cruise", 3)
      const order = await fulfilled(variant, 2, day(2))
      const line = order.items[0].id
      const exchangeWith = async (quantity: number) => {
        const exchange = (await api.post("/admin/exchanges", { order_id: order.id }, admin)).data.exchange
        await api.post(`/admin/exchanges/${exchange.id}/inbound/items`, { items: [{ id: line, quantity: 1 }] }, admin)
        const added = await call(api.post(`/admin/exchanges/${exchange.id}/outbound/items`, { items: [{ variant_id: variant, quantity, metadata: { booking_date: day(5) } }] }, admin))
        expect([added.status, added.data.message]).toEqual([200, undefined])
        return exchange.id as string
      }

      const dropped = await exchangeWith(2)
      expect(await available(resource.id, day(5))).toBe(1)
      expect((await call(api.delete(`/admin/exchanges/${dropped}/request`, admin))).status).toBe(200)
      expect(await available(resource.id, day(5))).toBe(3)

      const exchange = await exchangeWith(1)
      expect((await call(api.post(`/admin/exchanges/${exchange}/request`, {}, admin))).status).toBe(200)
      expect(await available(resource.id, day(5))).toBe(2)
      const canceled = await call(api.post(`/admin/exchanges/${exchange}/cancel`, {}, admin))
      expect([canceled.status, canceled.data.message]).toEqual([200, undefined])
      expect(await available(resource.id, day(5))).toBe(3)
      expect(await bookings(order.id)).toEqual([`canceled 1 ${day(5)}`, `confirmed 2 ${day(2)}`, `released 2 ${day(5)}`])
      expect(await audit()).toEqual([[], []])

      // A claim: one unit claimed back, replaced on another day; receiving its return gives day 2's unit back.
      const claim = (await api.post("/admin/claims", { order_id: order.id, type: "replace" }, admin)).data.claim
      await api.post(`/admin/claims/${claim.id}/inbound/items`, { items: [{ id: line, quantity: 1 }] }, admin)
      await api.post(`/admin/claims/${claim.id}/outbound/items`, { items: [{ variant_id: variant, quantity: 1, metadata: { booking_date: day(6) } }] }, admin)
      const requested = await call(api.post(`/admin/claims/${claim.id}/request`, {}, admin))
      expect(requested.status).toBe(200)
      const returnId = requested.data.claim.return_id
      await api.post(`/admin/returns/${returnId}/receive`, {}, admin)
      await api.post(`/admin/returns/${returnId}/receive-items`, { items: [{ id: line, quantity: 1 }] }, admin)
      expect((await call(api.post(`/admin/returns/${returnId}/receive/confirm`, {}, admin))).status).toBe(200)
      expect(await available(resource.id, day(2))).toBe(2)
      expect(await available(resource.id, day(6))).toBe(2)
      expect(await audit()).toEqual([[], []])
      await expectInvariant(dbConfig.clientUrl)
    })
  })

  describe("reschedule", () => {
    it("moves exactly the units to a free day and refuses a full one with nothing changed; the order's line says the new day", async () => {
      const { resource, variant } = await bookable("Boat trip", 4, ["09:00", "14:00"])
      const order = await placedOrder(variant, 3, day(2), "09:00")
      const [hold] = (await api.get(`${A}/holds?order_id=${order.id}`, admin)).data.holds
      await placedOrder(variant, 3, day(3), "14:00")

      const full = await call(api.post(`${A}/holds/${hold.id}/reschedule`, { date: day(3), slot: "14:00" }, admin))
      expect([full.status, full.data.type, full.data.message]).toEqual([
        400,
        "not_allowed",
        `Not enough capacity for resource "Boat trip" (${resource.id}) on ${day(3)} at 14:00: requested 3, available 1`,
      ])
      expect(await bookings(order.id)).toEqual([`confirmed 3 ${day(2)} 09:00`])
      expect((await api.get(`/admin/orders/${order.id}/changes`, admin)).data.order_changes.filter((c: any) => c.change_type === "edit")).toEqual([])
      for (const [body, message] of [
        [{ date: day(3) }, "booked by the slot; slot must be one of 09:00, 14:00"],
        [{ date: day(2), slot: "09:00" }, "already on"],
        [{ date: day(3), slot: "14:00", quantity: 4 }, "quantity must be a whole number from 1 to 3"],
      ] as const) {
        const bad = await call(api.post(`${A}/holds/${hold.id}/reschedule`, body, admin))
        expect([bad.status, bad.data.message]).toEqual([400, expect.stringContaining(message)])
      }

      // One unit to the full departure's last seat, then the rest to another day.
      const events = recordEvents(getContainer(), [HoldEvents.RESCHEDULED])
      const part = await call(api.post(`${A}/holds/${hold.id}/reschedule`, { date: day(3), slot: "14:00", quantity: 1 }, admin))
      expect([part.status, part.data.holds?.map((h: any) => [h.status, h.quantity, h.date, h.slot])]).toEqual([200, [["confirmed", 1, day(3), "14:00"]]])
      expect(part.data.holds[0].metadata.rescheduled_from).toHaveLength(1)
      expect(await available(resource.id, day(3), "14:00")).toBe(0)
      expect(await available(resource.id, day(2), "09:00")).toBe(2)
      const rest = (await api.get(`${A}/holds?order_id=${order.id}&status=confirmed&date=${day(2)}`, admin)).data.holds[0]
      expect((await call(api.post(`${A}/holds/${rest.id}/reschedule`, { date: day(4), slot: "09:00" }, admin))).status).toBe(200)
      expect(await bookings(order.id)).toEqual([
        `canceled 1 ${day(2)} 09:00`,
        `canceled 2 ${day(2)} 09:00`,
        `confirmed 1 ${day(3)} 14:00`,
        `confirmed 2 ${day(4)} 09:00`,
      ])
      const { data } = await api.get(`/admin/orders/${order.id}`, admin)
      expect(data.order.items.map((i: any) => [i.quantity, i.metadata.booking_date, i.metadata.booking_slot]).sort()).toEqual(
        [[1, day(3), "14:00"], [2, day(4), "09:00"]].sort()
      )
      expect(events.map((e) => e.name)).toEqual([HoldEvents.RESCHEDULED, HoldEvents.RESCHEDULED])
      expect(await audit()).toEqual([[], []])
      await expectInvariant(dbConfig.clientUrl)
    })

    it("a fulfilled line with part of it returned moves whole: its booked units move, its ordered quantity stays", async () => {
      const { resource, variant } = await bookable("Horse ride", 5)
      const order = await fulfilled(variant, 3, day(2))
      await api.post(`/admin/returns/${await returnOf(order, 1)}/receive/confirm`, {}, admin)
      const [kept] = (await api.get(`${A}/holds?order_id=${order.id}&status=confirmed`, admin)).data.holds
      expect(kept.quantity).toBe(2)
      const moved = await call(api.post(`${A}/holds/${kept.id}/reschedule`, { date: day(5) }, admin))
      expect([moved.status, moved.data.message]).toEqual([200, undefined])
      expect(await available(resource.id, day(5))).toBe(3)
      expect(await available(resource.id, day(2))).toBe(5)
      const { data } = await api.get(`/admin/orders/${order.id}`, admin)
      expect(data.order.items.map((i: any) => [i.quantity, i.metadata.booking_date])).toEqual([[3, day(5)]])
      expect(await audit()).toEqual([[], []])
      await expectInvariant(dbConfig.clientUrl)
    })

    it("an order canceled while a reschedule of it writes its new booking keeps nothing booked: the cancel waits for the move and gives back both days", async () => {
      const { resource, variant } = await bookable("Lake cruise", 3)
      const order = await placedOrder(variant, 2, day(2))
      const [hold] = (await api.get(`${A}/holds?order_id=${order.id}`, admin)).data.holds
      const db = await connect(dbConfig.clientUrl)
      try {
        // The reschedule stops right after writing the new day's hold, its transaction open; then the order is canceled.
        const race = await interleave(
          db,
          { after: "INSERT", table: "booking_hold", when: `NEW.order_id = '${order.id}'` },
          () => call(api.post(`${A}/holds/${hold.id}/reschedule`, { date: day(5) }, admin)),
          () => call(api.post(`/admin/orders/${order.id}/cancel`, {}, admin))
        )
        const statuses = [race.first, race.rival].map((r) => (r.status === "fulfilled" ? r.value.status : r.reason?.message))
        expect({ statuses, waited: race.rivalWaitedFor }).toEqual({ statuses: [200, 200], waited: "advisory" })
      } finally {
        await db.end()
      }
      expect((await bookings(order.id)).filter((b) => b.startsWith("confirmed"))).toEqual([])
      expect(await available(resource.id, day(2))).toBe(3)
      expect(await available(resource.id, day(5))).toBe(3)
      expect(await audit()).toEqual([[], []])
      await expectInvariant(dbConfig.clientUrl)
    })

    it("a reschedule racing a checkout for the last place of the new day: exactly one wins", async () => {
      const { resource, variant } = await bookable("Ferry", 2)
      const order = await placedOrder(variant, 1, day(2))
      await placedOrder(variant, 1, day(4))
      const [hold] = (await api.get(`${A}/holds?order_id=${order.id}`, admin)).data.holds
      const cart = await createStoreCart(api, pk, store)
      await addLineItem(api, pk, cart.id, { variant_id: variant, quantity: 1, metadata: { booking_date: day(4) } })
      await getContainer().resolve<any>(RESOURCE_BOOKING_MODULE).releaseHolds(
        (await api.get(`${A}/holds?cart_id=${cart.id}`, admin)).data.holds.map((h: any) => h.id)
      )
      const [moved, checkout] = await Promise.all([
        call(api.post(`${A}/holds/${hold.id}/reschedule`, { date: day(4) }, admin)),
        checkoutCart(api, pk, cart.id, store),
      ])
      expect([moved.status, checkout.status === 200 && checkout.data.type === "order" ? 200 : 400].sort()).toEqual([200, 400])
      expect(await available(resource.id, day(4))).toBe(0)
      expect(await audit()).toEqual([[], []])
      await expectInvariant(dbConfig.clientUrl)
    })
  })
}
