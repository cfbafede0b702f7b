import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { notFound, type BookingLine } from "../../../modules/resource_booking"
import { bookingLinesOf } from "../../bookings/utils/booking-lines"

export type CartBookings = {
  cart: { id: string; customer_id: string | null; completed_at: Date | string | null }
  lines: BookingLine[]
}

/**
 * A cart's booking lines. A bookable line without a valid booking_date (or,
 * for a resource sold by the slot, booking_slot) is refused here, so no
 * workflow that changes the cart can leave one behind.
 */
export async function readCartBookings(container: MedusaContainer, cartId: string): Promise<CartBookings> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [cart],
  } = await query.graph({
    entity: "cart",
    fields: ["id", "customer_id", "completed_at", "items.id", "items.title", "items.quantity", "items.variant_id", "items.metadata"],
    filters: { id: cartId },
  })
  if (!cart) {
    notFound(`Cart with id "${cartId}" was not found`)
  }
  // Typed loosely: Medusa's generated query types exist only after a build.
  const lines = await bookingLinesOf(container, ((cart.items ?? []) as any[]).filter(Boolean))
  return {
    cart: { id: cart.id, customer_id: cart.customer_id ?? null, completed_at: cart.completed_at ?? null },
    lines,
  }
}
