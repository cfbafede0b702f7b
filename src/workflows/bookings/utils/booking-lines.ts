import type { MedusaContainer } from "@medusajs/framework/types"
import {
  bookingModule,
  invalid,
  isCalendarDay,
  notAllowed,
  nightsBetween,
  nightsOf,
  nightsRange,
  slotVerdict,
  stayVerdict,
  MAX_STAY_NIGHTS,
  type BookingLine,
  type ClosedSale,
} from "../../../modules/resource_booking"
import { variantLinks } from "../../resources/utils/resource-variant-links"

/** The line item metadata key that names the day a bookable line books. */
export const BOOKING_DATE_KEY = "booking_date"
/** The line item metadata key that names the slot, for a resource sold by the slot. */
export const BOOKING_SLOT_KEY = "booking_slot"
/** The line item metadata key that ends a stay: the day after its last night (exclusive). */
export const BOOKING_END_DATE_KEY = "booking_end_date"

/**
 * The nights a line books: a stay's (booking_date up to booking_end_date),
 * or its one day. Read from the metadata alone, so a line booked as a stay
 * keeps counting its nights whatever its resource says now.
 */
export function bookedDays(date: string, end: unknown): string[] {
  return isCalendarDay(end) && end > date && nightsBetween(date, end) <= MAX_STAY_NIGHTS ? nightsOf(date, end) : [date]
}

/** A cart's or an order's line item, as far as booking goes. */
export type BookableItem = {
  id: string
  title?: string | null
  variant_id?: string | null
  quantity: number
  metadata?: Record<string, unknown> | null
  created_at?: Date | string | null
}

/**
 * Whether a line is taking capacity now, and so must be valid in every way:
 * `line` is what it books as far as it can be read (null: no readable day);
 * `linkedAfter`, whether the line was added before its variant began to book.
 */
export type Strictness = (
  item: BookableItem,
  line: BookingLine | null,
  facts: { linkedAfter: boolean; nights: string[] }
) => boolean

type Resource = {
  id: string
  title: string
  slots: string[]
  is_active: boolean
  deleted: boolean
  min_nights: number | null
  max_nights: number | null
}

/**
 * The booking lines among `items`: those whose variant books a resource, each
 * with its resource, day, slot and quantity; a stay gives one line per night,
 * all with the item's id and quantity. A line `strict` says is taking
 * capacity must be bookable in every way, or it is refused naming the line
 * and why: a valid day that has not passed (by the database's clock, in the
 * resource's zone), a slot by the resource's slot rule, a resource that
 * exists and is active, a day or slot still on sale (with `cutoff`, the
 * storefront's road: before the resource's cut-off), and a line added after
 * its variant began to book. Any other line only needs a
 * readable day to count, so a line that became invalid since it was booked
 * (its day passed, its slot dropped, its resource deactivated) keeps what it
 * holds and never stops the shopper changing the cart; one that never could
 * book (added before its variant was linked, its resource deleted) books
 * nothing. Lines of quantity 0 or less book nothing.
 */
export async function bookingLinesOf(
  container: Pick<MedusaContainer, "resolve">,
  items: BookableItem[],
  strict: Strictness = () => true,
  options: { cutoff?: boolean } = {}
): Promise<BookingLine[]> {
  const withVariant = items.filter((i) => i.variant_id && Number(i.quantity) > 0)
  const links = await variantLinks(container, [...new Set(withVariant.map((i) => i.variant_id!))])
  const resources = await resourcesById(container, [...new Set([...links.values()].map((l) => l.resource_id))])
  const lines: BookingLine[] = []
  const entries = withVariant.flatMap((item) => {
    const link = links.get(item.variant_id!)
    if (!link) {
      return []
    }
    const date = item.metadata?.[BOOKING_DATE_KEY]
    const slot = item.metadata?.[BOOKING_SLOT_KEY]
    const end = item.metadata?.[BOOKING_END_DATE_KEY]
    const line: BookingLine | null = isCalendarDay(date)
      ? { line_item_id: item.id, resource_id: link.resource_id, date, slot: typeof slot === "string" ? slot : "", quantity: Number(item.quantity) }
      : null
    const nights = line ? bookedDays(line.date, end) : []
    const linkedAfter = !!item.created_at && new Date(item.created_at) < link.linked_at
    const resource = resources.get(link.resource_id)
    return [{ item, link, date, slot, end, line, nights, linkedAfter, resource, strict: strict(item, line, { linkedAfter, nights }) }]
  })
  // Whether each checked line's day or slot (a stay's first night) still
  // sells, by the database's clock in its resource's zone: one round trip.
  const keys = entries
    .filter((e) => e.strict && e.line && e.resource && !e.resource.deleted && slotVerdict(e.resource.slots, e.slot) === "ok")
    .map((e) => e.line!)
  const closed = keys.length ? await bookingModule(container).closedSales(keys, { cutoff: options.cutoff === true }) : []
  for (const { item, link, date, slot, end, line, nights, linkedAfter, resource, strict: checked } of entries) {
    if (checked) {
      const what = `Line item "${item.title ?? item.id}" (variant ${item.variant_id}) books resource ${link.resource_id}`
      const why = line && closed.find((k) => k.resource_id === line.resource_id && k.date === line.date && k.slot === line.slot)
      checkLine(what, date, slot, resource, linkedAfter, why && { line: line!, why })
      checkStay(what, line!.date, end, resource!)
    } else if (!line || !resource || resource.deleted || linkedAfter) {
      continue
    }
    lines.push(...nights.map((night) => ({ ...line!, date: night })))
  }
  return lines
}

/** Refuses, naming the line, a day or slot whose sale is closed. */
function refuseClosed(what: string, line: BookingLine, why: ClosedSale): never {
  const when = line.slot ? `${line.date} at ${line.slot}` : line.date
  switch (why.reason) {
    case "past":
      invalid(`${what}: metadata.${BOOKING_DATE_KEY} ${line.date} is in the past`)
    case "nonexistent":
      invalid(`${what}: ${line.slot} does not exist on ${line.date} in ${why.zone} (the clocks skip it); choose another slot`)
    default:
      notAllowed(
        why.cutoff_minutes
          ? `${what}: ${when} no longer sells; its sale closed ${why.cutoff_minutes} minutes before it ${line.slot ? "starts" : "ends"} (it starts ${why.starts_at})`
          : `${what}: ${when} no longer sells; it ${line.slot ? "started" : "has ended"} (it starts ${why.starts_at})`
      )
  }
}

/** Refuses, naming the line, what a line taking capacity may not be (`closed`: its sale has closed, and why). */
function checkLine(
  what: string,
  date: unknown,
  slot: unknown,
  resource: Resource | undefined,
  linkedAfter: boolean,
  closed?: { line: BookingLine; why: ClosedSale } | null
): void {
  if (!resource || resource.deleted) {
    notAllowed(`${what}, which no longer exists: the product cannot be booked; remove the line`)
  }
  if (linkedAfter) {
    notAllowed(`${what}: the line was added before its product could be booked; remove it and add it again with metadata.${BOOKING_DATE_KEY}`)
  }
  if (!isCalendarDay(date)) {
    invalid(`${what}: metadata.${BOOKING_DATE_KEY} must be a calendar day as YYYY-MM-DD, got ${JSON.stringify(date ?? null)}`)
  }
  if (closed?.why.reason === "past") {
    refuseClosed(what, closed.line, closed.why)
  }
  switch (slotVerdict(resource.slots, slot)) {
    case "whole-day":
      invalid(`${what}, which is booked by the whole day: leave out metadata.${BOOKING_SLOT_KEY} (got ${JSON.stringify(slot)})`)
    case "required":
    case "unknown":
      invalid(
        `${what}, which is booked by the slot: metadata.${BOOKING_SLOT_KEY} must be one of ${resource.slots.join(", ")}, got ${JSON.stringify(slot ?? null)}`
      )
  }
  if (!resource.is_active) {
    notAllowed(`${what}, which is not active: it cannot be booked; remove the line`)
  }
  if (closed) {
    refuseClosed(what, closed.line, closed.why)
  }
}

/** Refuses, naming the line, a stay its resource does not sell (or an end on a resource booked by the day). */
function checkStay(what: string, start: string, end: unknown, resource: Resource): void {
  switch (stayVerdict(resource, start, end)) {
    case "not-a-stay":
      invalid(`${what}, which is booked by the day: leave out metadata.${BOOKING_END_DATE_KEY} (got ${JSON.stringify(end)})`)
    case "end-required":
      invalid(
        `${what}, which is sold by the stay (${nightsRange(resource)}): metadata.${BOOKING_END_DATE_KEY} must name the day after the last night, as YYYY-MM-DD`
      )
    case "bad-end":
      invalid(`${what}: metadata.${BOOKING_END_DATE_KEY} must be a calendar day after ${BOOKING_DATE_KEY} ${start}, got ${JSON.stringify(end)}`)
    case "too-short":
    case "too-long":
      notAllowed(`${what}, which is sold for stays of ${nightsRange(resource)}: ${start} to ${end} is ${nightsBetween(start, end as string)} night(s)`)
  }
}

async function resourcesById(container: Pick<MedusaContainer, "resolve">, ids: string[]): Promise<Map<string, Resource>> {
  const rows = ids.length
    ? await bookingModule(container).listResources(
        { id: ids },
        { select: ["id", "title", "slots", "is_active", "deleted_at", "min_nights", "max_nights"], withDeleted: true, take: null }
      )
    : []
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        title: r.title,
        slots: (r.slots as string[] | null) ?? [],
        is_active: !!r.is_active,
        deleted: !!r.deleted_at,
        min_nights: r.min_nights ?? null,
        max_nights: r.max_nights ?? null,
      },
    ])
  )
}
