import type { MedusaContainer } from "@medusajs/framework/types"
import { bookingModule, invalid, isCalendarDay, slotVerdict, type BookingLine } from "../../../modules/resource_booking"
import { resourceOfVariants } from "../../resources/utils/resource-variant-links"

/** The line item metadata key that names the day a bookable line books. */
export const BOOKING_DATE_KEY = "booking_date"
/** The line item metadata key that names the slot, for a resource sold by the slot. */
export const BOOKING_SLOT_KEY = "booking_slot"

/** A cart's or an order's line item, as far as booking goes. */
export type BookableItem = {
  id: string
  title?: string | null
  variant_id?: string | null
  quantity: number
  metadata?: Record<string, unknown> | null
}

const today = () => new Date().toISOString().slice(0, 10)

/**
 * The booking lines among `items`: those whose variant books a resource, each
 * with its resource, day, slot and quantity. A line `strict` says is taking
 * capacity must name a valid day, not past, and a slot by the resource's slot
 * rule, or it is refused (400) naming the line; any other line only needs a
 * readable day to be counted, so a line that has become invalid since it was
 * booked (its slot dropped, its day past) keeps what it holds. Lines of
 * quantity 0 or less book nothing.
 */
export async function bookingLinesOf(
  container: Pick<MedusaContainer, "resolve">,
  items: BookableItem[],
  strict: (item: BookableItem) => boolean = () => true
): Promise<BookingLine[]> {
  const withVariant = items.filter((i) => i.variant_id && Number(i.quantity) > 0)
  const resources = await resourceOfVariants(container, [...new Set(withVariant.map((i) => i.variant_id!))])
  const slotsOf = await slotsOfResources(container, [...new Set(resources.values())])
  const lines: BookingLine[] = []
  for (const item of withVariant) {
    const resourceId = resources.get(item.variant_id!)
    if (!resourceId) {
      continue
    }
    const what = `Line item "${item.title ?? item.id}" (variant ${item.variant_id}) books resource ${resourceId}`
    const date = item.metadata?.[BOOKING_DATE_KEY]
    const slot = item.metadata?.[BOOKING_SLOT_KEY]
    if (strict(item)) {
      bookingDate(date, what)
      bookingSlot(slot, slotsOf.get(resourceId) ?? [], what)
    } else if (!isCalendarDay(date)) {
      continue
    }
    lines.push({
      line_item_id: item.id,
      resource_id: resourceId,
      date: date as string,
      slot: typeof slot === "string" ? slot : "",
      quantity: Number(item.quantity),
    })
  }
  return lines
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
function bookingSlot(slot: unknown, slots: string[], what: string): void {
  switch (slotVerdict(slots, slot)) {
    case "whole-day":
      invalid(`${what}, which is booked by the whole day: leave out metadata.${BOOKING_SLOT_KEY} (got ${JSON.stringify(slot)})`)
    case "required":
    case "unknown":
      invalid(
        `${what}, which is booked by the slot: metadata.${BOOKING_SLOT_KEY} must be one of ${slots.join(", ")}, got ${JSON.stringify(slot ?? null)}`
      )
  }
}

async function slotsOfResources(container: Pick<MedusaContainer, "resolve">, ids: string[]) {
  const rows = ids.length ? await bookingModule(container).listResources({ id: ids }, { select: ["id", "slots"] }) : []
  return new Map(rows.map((r) => [r.id, (r.slots as string[] | null) ?? []]))
}
