import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { bookingModule } from "../../../modules/resource_booking"

/**
 * Checkout confirms a cart's holds before Medusa creates the order (the
 * completion's `validate` hook is the only one Medusa's own plugins leave
 * free), so the order's id is written on them just after: by the
 * order.placed subscriber, and by anything that reads or changes an order's
 * bookings before it ran. Idempotent. Without `orders` or `carts`, every
 * checkout still waiting for its order is bound.
 */
export async function bindCheckoutOrders(
  container: Pick<MedusaContainer, "resolve">,
  which: { orders?: string[]; carts?: string[] } = {}
): Promise<string[]> {
  const booking = bookingModule(container)
  const carts = which.orders ? undefined : which.carts ?? (await booking.unboundCheckoutCarts())
  if ((which.orders && !which.orders.length) || (carts && !carts.length)) {
    return []
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order_cart",
    fields: ["order_id", "cart_id"],
    filters: which.orders ? { order_id: which.orders } : { cart_id: carts },
  })
  return await booking.bindOrderHolds(data as { cart_id: string; order_id: string }[])
}
