import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { bookingModule, HoldEvents, type HoldEventData, type HoldRow } from "../modules/resource_booking"
import { bindCheckoutOrders } from "../workflows/carts/utils/bind-checkout-orders"
import { sendBookingMessage } from "../workflows/notifications/utils/send-booking-message"

const byOrder = (holds: HoldRow[]) => {
  const orders = new Map<string, HoldRow[]>()
  for (const h of holds.filter((h) => h.order_id)) {
    orders.set(h.order_id!, [...(orders.get(h.order_id!) ?? []), h])
  }
  return orders
}

const keyOf = (kind: string, orderId: string, holds: HoldRow[]) => `${kind}:${orderId}:${holds.map((h) => h.id).sort().join(",")}`

/**
 * Tells the guest (docs/notifications.md): a placed order's bookings
 * (a checkout's, or a converted draft's), bookings canceled, bookings moved.
 * One message per order per event; its idempotency key makes a redelivered
 * event send nothing twice.
 */
export default async function bookingNotifications({ event, container }: SubscriberArgs<{ id?: string } & Partial<HoldEventData>>) {
  const booking = bookingModule(container)
  if (event.name === "order.placed") {
    const orderId = event.data.id!
    // The checkout's holds carry the order's id once bound (bindCheckoutOrders is idempotent).
    await bindCheckoutOrders(container, { orders: [orderId] })
    const holds = await booking.listHolds({ order_id: orderId, status: "confirmed" }, { take: null })
    await sendBookingMessage(container, "confirmed", orderId, holds, `booking-confirmed:${orderId}`)
    return
  }
  const holds = event.data.ids?.length ? await booking.listHolds({ id: event.data.ids }, { take: null }) : []
  const kind = event.name === HoldEvents.RESCHEDULED ? "rescheduled" : "canceled"
  // A booking moved is canceled on its old day; the guest hears of the move, not a cancel.
  const told = kind === "canceled" ? holds.filter((h) => !(h.metadata as { rescheduled_to?: unknown } | null)?.rescheduled_to) : holds
  for (const [orderId, ofOrder] of byOrder(told)) {
    await sendBookingMessage(container, kind, orderId, ofOrder, keyOf(`booking-${kind}`, orderId, ofOrder))
  }
}

export const config: SubscriberConfig = {
  event: ["order.placed", HoldEvents.CANCELED, HoldEvents.RESCHEDULED],
  context: { subscriberId: "resource-booking-notifications" },
}
