import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { bindCheckoutOrders } from "../workflows/carts/utils/bind-checkout-orders"

/**
 * Checkout confirms a cart's holds before Medusa creates the order; here the
 * order's id is written on them (docs/commerce.md). Idempotent: a redelivered
 * event binds nothing twice.
 */
export default async function bindOrderToBookings({ event, container }: SubscriberArgs<{ id: string }>) {
  await bindCheckoutOrders(container, { orders: [event.data.id] })
}

export const config: SubscriberConfig = { event: "order.placed" }
