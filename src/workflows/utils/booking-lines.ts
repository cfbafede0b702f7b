import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { BookingLine } from "../../modules/resource_booking/utils/cart-holds"
import { isCalendarDay } from "../../modules/resource_booking/utils/validate"
import { resourceOfVariants } from "./resource-variant-links"

/** The line item metadata key that names the day a bookable line books. */
export const BOOKING_DATE_KEY = "booking_date"

const today = () => new Date().toISOString().slice(0, 10)

export type CartBookings = {
  cart: { id: string; customer_id: string | null; completed_at: Date | string | null }
  lines: BookingLine[]
}

/**
 * A cart's line items that book capacity, each with its resource, day and
 * quantity. A bookable line without a valid booking_date is refused here, so
 * no workflow that refreshes the cart can leave one behind.
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
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart with id "${cartId}" was not found`)
  }
  // Typed loosely: Medusa's generated query types exist only after a build.
  const items: any[] = (cart.items ?? []).filter((i: any) => i?.variant_id)
  const resources = await resourceOfVariants(container, [...new Set(items.map((i) => i.variant_id as string))])
  const lines: BookingLine[] = []
  for (const item of items) {
    const resourceId = resources.get(item.variant_id)
    if (!resourceId) {
      continue
    }
    const date = item.metadata?.[BOOKING_DATE_KEY]
    const what = `Line item "${item.title}" (variant ${item.variant_id}) books resource ${resourceId}`
    if (!isCalendarDay(date)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `${what}: metadata.${BOOKING_DATE_KEY} must be a calendar day as YYYY-MM-DD, got ${JSON.stringify(date ?? null)}`
      )
    }
    if (date < today()) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `${what}: metadata.${BOOKING_DATE_KEY} ${date} is in the past`)
    }
    lines.push({ line_item_id: item.id, resource_id: resourceId, date, quantity: Number(item.quantity) })
  }
  return {
    cart: { id: cart.id, customer_id: cart.customer_id ?? null, completed_at: cart.completed_at ?? null },
    lines,
  }
}
