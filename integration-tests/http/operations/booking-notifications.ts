import fs from "fs"
import path from "path"
import type { MedusaSuiteOptions } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createBookableProduct, type StoreSetup } from "../../../scripts/lib/store-setup"
import { RESOURCE_BOOKING_MODULE } from "../../../src/modules/resource_booking"
import bookingNotifications from "../../../src/subscribers/booking-notifications"
import { sendBookingMessage } from "../../../src/workflows/notifications/utils/send-booking-message"
import { readCalendar } from "../../helpers/calendar"
import { call } from "../../helpers/http"
import { addLineItem, checkoutCart, createStoreCart, type StoreHeaders, beforeEachStore, type TestStore } from "../../helpers/storefront"

const A = "/admin/resource-booking"

// Booking messages to the guest (docs/notifications.md) through Medusa's
// checkout, cancel and the plugin's reschedule, with the package's file provider.
export default function bookingNotificationsSuite({ api, getContainer }: MedusaSuiteOptions) {
  // The package's development provider writes each e-mail and its calendar file here (operations.spec.ts).
  const MESSAGES = process.env.RB_NOTIFICATION_DIR!
  let admin: TestStore["admin"], store: StoreSetup, pk: StoreHeaders
  beforeEachStore(api, getContainer, (t) => ({ admin, store, pk } = t))

  /** Written messages of `template` about `orderId`: their message.json and calendar, oldest first. */
  function written(template: string, orderId: string) {
    return fs
      .readdirSync(MESSAGES)
      .sort()
      .map((dir) => path.join(MESSAGES, dir))
      .filter((dir) => fs.existsSync(path.join(dir, "message.json")))
      .map((dir) => ({ dir, message: JSON.parse(fs.readFileSync(path.join(dir, "message.json"), "utf8")) }))
      .filter(({ message }) => message.template === template && message.data?.order_id === orderId)
      .map(({ dir, message }) => ({ message, calendar: fs.readFileSync(path.join(dir, message.attachments[0]), "utf8") }))
  }

  /** Waits for the subscriber's message (it runs after the event, off the request). */
  async function waitFor(template: string, orderId: string) {
    const deadline = Date.now() + 30_000
    for (;;) {
      const found = written(template, orderId)
      if (found.length) return found
      if (Date.now() > deadline) throw new Error(`no ${template} message for ${orderId}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  /** Two departures a world apart: Copenhagen (UTC+1/+2) and Los Angeles (UTC−8/−7), each on its spring change day. */
  async function tours() {
    const booking = getContainer().resolve<any>(RESOURCE_BOOKING_MODULE)
    const fjord = await booking.createResources({ title: "Fjord boat tour", handle: `fjord-${Date.now()}`, slots: ["09:00"], time_zone: "Europe/Copenhagen" })
    const sunset = await booking.createResources({ title: "Sunset sail", handle: `sunset-${Date.now()}`, slots: ["18:30"], time_zone: "America/Los_Angeles" })
    await booking.setCapacity(fjord.id, { from: "2027-03-27", to: "2027-03-28", max_capacity: 8 })
    await booking.setCapacity(sunset.id, { from: "2027-03-14", to: "2027-03-14", max_capacity: 8 })
    const product = await createBookableProduct(getContainer(), store, {
      title: `Tours ${Date.now()}`,
      variants: [
        { title: "Fjord", price: 55, resource_id: fjord.id },
        { title: "Sunset", price: 40, resource_id: sunset.id },
      ],
    })
    return { fjord, sunset, variants: product.variant_ids as string[] }
  }

  async function placed(variants: string[], headers: StoreHeaders = pk) {
    const cart = await createStoreCart(api, headers, store)
    for (const [variant, metadata] of [
      [variants[0], { booking_date: "2027-03-28", booking_slot: "09:00" }],
      [variants[1], { booking_date: "2027-03-14", booking_slot: "18:30" }],
    ] as const) {
      const added = await addLineItem(api, headers, cart.id, { variant_id: variant, quantity: 2, metadata })
      expect([added.status, added.data.message]).toEqual([200, undefined])
    }
    const done = await checkoutCart(api, headers, cart.id, store)
    expect(done.data.type).toBe("order")
    return done.data.order as { id: string; email: string; display_id: number }
  }

  it("confirms a checkout's bookings once, in each tour's local time, with a calendar file; a redelivered event sends nothing twice", async () => {
    const { variants } = await tours()
    const order = await placed(variants)
    const [sent] = await waitFor("booking-confirmed", order.id)
    expect(sent.message).toMatchObject({ to: order.email, channel: "email", attachments: ["booking.ics"] })
    expect(sent.message.data.bookings.map((b: any) => [b.resource, b.date, b.slot, b.time_zone, b.starts_at, b.quantity])).toEqual([
      ["Sunset sail", "2027-03-14", "18:30", "America/Los_Angeles", "2027-03-14T18:30:00-07:00", 2],
      ["Fjord boat tour", "2027-03-28", "09:00", "Europe/Copenhagen", "2027-03-28T09:00:00+02:00", 2],
    ])
    const calendar = readCalendar(sent.calendar)
    expect(calendar.method).toBe("PUBLISH")
    expect(calendar.zones).toEqual(["America/Los_Angeles", "Europe/Copenhagen"])
    // Both on their zone's spring change day: summer time already.
    expect(calendar.events.map((e: any) => e.start)).toEqual(["2027-03-15T01:30:00.000Z", "2027-03-28T07:00:00.000Z"])

    // The event again (a redelivery): the idempotency key sends nothing more.
    await bookingNotifications({ event: { name: "order.placed", data: { id: order.id } }, container: getContainer() } as any)
    expect(written("booking-confirmed", order.id)).toHaveLength(1)
    const notifications = await getContainer().resolve(Modules.NOTIFICATION).listNotifications({ template: "booking-confirmed", resource_id: order.id })
    expect(notifications.map((n: any) => n.status)).toEqual(["success"])

    // Canceled: the same events, METHOD:CANCEL, so a calendar removes them.
    expect((await call(api.post(`/admin/orders/${order.id}/cancel`, {}, admin))).status).toBe(200)
    const [canceled] = await waitFor("booking-canceled", order.id)
    const gone = readCalendar(canceled.calendar)
    expect(gone.method).toBe("CANCEL")
    expect(gone.events.map((e: any) => [e.uid, e.status])).toEqual(calendar.events.map((e: any) => [e.uid, "CANCELLED"]))
  })

  it("a stay is one booking in the message and one all-day event from check-in to check-out", async () => {
    const booking = getContainer().resolve<any>(RESOURCE_BOOKING_MODULE)
    const room = await booking.createResources({ title: "Sea-view room", handle: `room-${Date.now()}`, min_nights: 2, max_nights: 14 })
    await booking.setCapacity(room.id, { from: "2027-05-01", to: "2027-05-10", max_capacity: 4 })
    const product = await createBookableProduct(getContainer(), store, { title: `Rooms ${Date.now()}`, variants: [{ title: "Double", price: 120, resource_id: room.id }] })
    const cart = await createStoreCart(api, pk, store)
    const stay = { booking_date: "2027-05-02", booking_end_date: "2027-05-05" }
    const added = await addLineItem(api, pk, cart.id, { variant_id: product.variant_ids[0], quantity: 1, metadata: stay })
    expect([added.status, added.data.message]).toEqual([200, undefined])
    const done = await checkoutCart(api, pk, cart.id, store)
    const order = done.data.order
    const [sent] = await waitFor("booking-confirmed", order.id)
    expect(sent.message.data.bookings.map((b: any) => [b.resource, b.date, b.end_date, b.nights, b.quantity])).toEqual([
      ["Sea-view room", "2027-05-02", "2027-05-05", 3, 1],
    ])
    expect(readCalendar(sent.calendar).events.map((e: any) => [e.allDay, e.start, e.end])).toEqual([[true, "2027-05-02", "2027-05-05"]])
  })

  it("a moved booking keeps its UID with a higher SEQUENCE; a store without a provider for the channel works and says so once", async () => {
    const { variants } = await tours()
    const order = await placed(variants)
    const [confirmed] = await waitFor("booking-confirmed", order.id)
    const fjordUid = readCalendar(confirmed.calendar).events[1].uid
    const holds = (await api.get(`${A}/holds?order_id=${order.id}&status=confirmed`, admin)).data.holds as any[]
    const fjordHold = holds.find((h) => h.date === "2027-03-28")
    const moved = await call(api.post(`${A}/holds/${fjordHold.id}/reschedule`, { date: "2027-03-27", slot: "09:00" }, admin))
    expect(moved.status).toBe(200)
    const [rescheduled] = await waitFor("booking-rescheduled", order.id)
    expect(rescheduled.message.data.bookings.map((b: any) => [b.date, b.starts_at])).toEqual([["2027-03-27", "2027-03-27T09:00:00+01:00"]])
    // The day before the change: winter time, 08:00Z; the same UID, SEQUENCE 1.
    expect(readCalendar(rescheduled.calendar).events).toEqual([{ uid: fjordUid, sequence: 1, status: "CONFIRMED", allDay: false, start: "2027-03-27T08:00:00.000Z", end: null }])
    // No cancel message for the day it left: the guest hears of the move.
    expect(written("booking-canceled", order.id)).toEqual([])

    // A channel no provider serves (a default store's "email"): nothing thrown, nothing sent.
    const booking = getContainer().resolve<any>(RESOURCE_BOOKING_MODULE)
    const now = await booking.listHolds({ order_id: order.id, status: "confirmed" })
    for (let i = 0; i < 2; i++) {
      expect(await sendBookingMessage(getContainer(), "confirmed", order.id, now, `test-sms-${i}`, "sms")).toEqual({
        sent: false,
        reason: "no provider for the channel",
      })
    }
  })

  it("a customer downloads the calendar of their own order's bookings; another customer gets a 404, no one signed in a 401", async () => {
    const { variants } = await tours()
    const customer = async (email: string) => {
      const password = "correct-horse-battery"
      const { token: registration } = (await api.post("/auth/customer/emailpass/register", { email, password })).data
      await api.post("/store/customers", { email }, { headers: { ...pk.headers, authorization: `Bearer ${registration}` } })
      const { token } = (await api.post("/auth/customer/emailpass", { email, password })).data
      return { headers: { ...pk.headers, authorization: `Bearer ${token}` } }
    }
    const guest = await customer(`guest-${Date.now()}@example.com`)
    const other = await customer(`other-${Date.now()}@example.com`)
    const order = await placed(variants, guest)
    const url = `/store/resource-booking/orders/${order.id}/calendar`
    const mine = await call(api.get(url, guest))
    expect([mine.status, mine.headers["content-type"]]).toEqual([200, "text/calendar; charset=utf-8"])
    expect(readCalendar(mine.data).events.map((e: any) => e.start)).toEqual(["2027-03-15T01:30:00.000Z", "2027-03-28T07:00:00.000Z"])
    expect((await call(api.get(url, other))).status).toBe(404)
    expect((await call(api.get(url, pk))).status).toBe(401)
  })
}
