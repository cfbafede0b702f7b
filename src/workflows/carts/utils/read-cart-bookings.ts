import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  bookingModule,
  invalid,
  isCalendarDay,
  notFound,
  slotVerdict,
  type BookingLine,
} from "../../../modules/resource_booking"
import { resourceOfVariants } from "../../resources/utils/resource-variant-links"

/** The line item metadata key that names the day a bookable line books. */
export const BOOKING_DATE_KEY = "booking_date"
/** The line item metadata key that names the slot, for a resource sold by the slot. */
export const BOOKING_SLOT_KEY = "booking_slot"

const today = () => new Date().toISOString().slice(0, 10)

export type CartBookings = {
  cart: { id: string; customer_id: string | null; completed_at: Date | string | null }
  lines: BookingLine[]
}

/**
 * A cart's line items that book capacity, each with its resource, day, slot
 * and quantity. A bookable line without a valid booking_date (or, for a
 * resource sold by the slot, booking_slot) is refused here, so no workflow
 * that refreshes the cart can leave one behind.
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
  const items: any[] = (cart.items ?? []).filter((i: any) => i?.variant_id)
  const resources = await resourceOfVariants(container, [...new Set(items.map((i) => i.variant_id as string))])
  const slotsOf = await slotsOfResources(container, [...new Set(resources.values())])
  const lines: BookingLine[] = []
  for (const item of items) {
    const resourceId = resources.get(item.variant_id)
    if (!resourceId) {
      continue
    }
    const what = `Line item "${item.title}" (variant ${item.variant_id}) books resource ${resourceId}`
    const date = bookingDate(item.metadata?.[BOOKING_DATE_KEY], what)
    const slot = bookingSlot(item.metadata?.[BOOKING_SLOT_KEY], slotsOf.get(resourceId) ?? [], what)
    lines.push({ line_item_id: item.id, resource_id: resourceId, date, slot, quantity: Number(item.quantity) })
  }
  return {
    cart: { id: cart.id, customer_id: cart.customer_id ?? null, completed_at: cart.completed_at ?? null },
    lines,
  }
}

function bookingDate(date: unknown, what: string): string {
  if (!isCalendarDay(date)) {
    invalid(`${what}: metadata.${BOOKING_DATE_KEY} must be a calendar day as YYYY-MM-DD, got ${JSON.stringify(date ?? null)}`)
  }
  if (date < today()) {
    invalid(`${what}: metadata.${BOOKING_DATE_KEY} ${date} is in the past`)
  }
  return date
}

/** The line's slot by the module's slot rule, worded for the line item's metadata. */
function bookingSlot(slot: unknown, slots: string[], what: string): string {
  switch (slotVerdict(slots, slot)) {
    case "whole-day":
      invalid(`${what}, which is booked by the whole day: leave out metadata.${BOOKING_SLOT_KEY} (got ${JSON.stringify(slot)})`)
    case "required":
    case "unknown":
      invalid(
        `${what}, which is booked by the slot: metadata.${BOOKING_SLOT_KEY} must be one of ${slots.join(", ")}, got ${JSON.stringify(slot ?? null)}`
      )
  }
  return slots.length ? (slot as string) : ""
}

async function slotsOfResources(container: MedusaContainer, ids: string[]) {
  const rows = ids.length ? await bookingModule(container).listResources({ id: ids }, { select: ["id", "slots"] }) : []
  return new Map(rows.map((r) => [r.id, (r.slots as string[] | null) ?? []]))
}
