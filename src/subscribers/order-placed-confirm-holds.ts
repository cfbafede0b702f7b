import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RESOURCE_BOOKING_MODULE } from "../modules/resource_booking"
import type ResourceBookingModuleService from "../modules/resource_booking/service"
import { confirmHoldsWorkflow } from "../workflows/confirm-holds"

/**
 * When an order is placed, its cart's active holds become confirmed with the
 * order's id. A hold that expired before the order was placed is never
 * confirmed: the order is logged and shown in the health warnings.
 */
export default async function confirmHoldsOnOrderPlaced({
  event: { data },
  container,
}: SubscriberArgs<{ id: string }>) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: orders } = await query.graph({
    entity: "order",
    fields: ["id", "cart.id"],
    filters: { id: data.id },
  })
  const cartId: string | undefined = (orders[0] as any)?.cart?.id
  if (!cartId) {
    return
  }
  const booking = container.resolve<ResourceBookingModuleService>(RESOURCE_BOOKING_MODULE)
  const active = await booking.listHolds({ cart_id: cartId, status: "active" }, { select: ["id"] })
  if (active.length) {
    await confirmHoldsWorkflow(container).run({
      input: { ids: active.map((h) => h.id), order_id: data.id },
    })
  }
  const late = await booking.flagExpiredHoldsForOrder(cartId, data.id)
  if (late.length) {
    logger.warn(
      `resource-booking: order ${data.id} was placed after ${late.length} hold(s) of cart ${cartId} expired (${late.join(", ")}); they were not confirmed`
    )
  }
}

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "resource-booking-confirm-holds" },
}
