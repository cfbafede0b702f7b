import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { reconcileOrderBookingsWorkflow } from "../workflows"

/**
 * Medusa lowered an order's booking lines after the commit of a change that
 * may not have gone through the plugin's workflows (a return received from
 * the store's own route, an exchange or claim confirmed by a store's code):
 * what the lines no longer book is given back. Idempotent per change: a
 * redelivered event finds nothing left to give back.
 */
export default async function giveBackLoweredBookings({ event, container }: SubscriberArgs<{ order_id: string }>) {
  await reconcileOrderBookingsWorkflow(container).run({ input: { order_id: event.data.order_id } })
}

export const config: SubscriberConfig = {
  event: ["order.return_received", "order.exchange_created", "order.claim_created"],
}
