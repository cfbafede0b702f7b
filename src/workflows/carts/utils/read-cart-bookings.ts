import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { bookingModule, notFound, sameKey, type BookingLine, type SyncMode } from "../../../modules/resource_booking"
import { bookingLinesOf, type BookableItem } from "../../bookings/utils/booking-lines"

export type CartBookings = {
  cart: { id: string; customer_id: string | null; completed_at: Date | string | null }
  lines: BookingLine[]
}

/**
 * A cart's booking lines. At checkout every line must be bookable, or the
 * completion is refused naming the line and why. When the cart changed
 * (`follow`), only the lines that take capacity now must be: a new line, or
 * one whose day, slot or quantity changed (no hold of the cart for it has its
 * key and quantity); a line that became invalid since (its day passed, its
 * slot dropped, its resource deactivated or deleted, its variant linked after
 * it was added) never stops the shopper removing it or changing another.
 */
export async function readCartBookings(container: MedusaContainer, cartId: string, mode: SyncMode = "checkout"): Promise<CartBookings> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [cart],
  } = await query.graph({
    entity: "cart",
    fields: [
      "id",
      "customer_id",
      "completed_at",
      "items.id",
      "items.title",
      "items.quantity",
      "items.variant_id",
      "items.metadata",
      "items.created_at",
    ],
    filters: { id: cartId },
  })
  if (!cart) {
    notFound(`Cart with id "${cartId}" was not found`)
  }
  // Typed loosely: Medusa's generated query types exist only after a build.
  const items = ((cart.items ?? []) as any[]).filter(Boolean) as BookableItem[]
  const held =
    mode === "follow" && items.length
      ? await bookingModule(container).listHolds({ cart_id: cart.id }, { select: ["line_item_id", "resource_id", "date", "slot", "quantity"], take: null })
      : []
  // Held as it is now: every night (one, but for a stay) by a hold of the line of its quantity.
  const unchanged = (item: BookableItem, line: BookingLine | null, nights: string[]) =>
    !!line &&
    nights.every((date) => held.some((h) => h.line_item_id === item.id && sameKey(h, { ...line, date }) && h.quantity === line.quantity))
  const lines = await bookingLinesOf(
    container,
    items,
    mode === "follow" ? (item, line, { linkedAfter, nights }) => !linkedAfter && !unchanged(item, line, nights) : () => true,
    // The storefront's road: the resource's cut-off applies, at completion too.
    { cutoff: true }
  )
  return {
    cart: { id: cart.id, customer_id: cart.customer_id ?? null, completed_at: cart.completed_at ?? null },
    lines,
  }
}
