import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { addDays, bookingModule, type HoldRow } from "../../../modules/resource_booking"
import { bookingCalendar, type CalendarBooking } from "./calendar"

/** The three messages a guest gets (Medusa notification templates). */
export const BOOKING_TEMPLATES = {
  confirmed: "booking-confirmed",
  canceled: "booking-canceled",
  rescheduled: "booking-rescheduled",
} as const
export type BookingMessageKind = keyof typeof BOOKING_TEMPLATES

/** One booking as the message shows it: local date and start, with the zone. */
export type MessageBooking = {
  hold_id: string
  resource: string
  date: string
  slot: string
  time_zone: string
  /** ISO 8601 with the zone's offset; a whole day's local midnight. */
  starts_at: string
  quantity: number
  /** A stay: its check-out day (the day after its last night) and how many nights. */
  end_date?: string
  nights?: number
}

export type BookingMessage = {
  order_id: string
  email: string | null
  display_id: number | null
  bookings: MessageBooking[]
  calendar: string
}

const UID_DOMAIN = "medusa-resource-booking"

/** The first hold of a booking that was moved (metadata.rescheduled_from, back to the start), and how many moves. */
async function origin(container: MedusaContainer, hold: HoldRow): Promise<{ id: string; moves: number }> {
  const booking = bookingModule(container)
  let current = hold
  let moves = 0
  for (;;) {
    const from = (current.metadata as { rescheduled_from?: string[] } | null)?.rescheduled_from?.[0]
    if (!from || moves > 50) {
      return { id: current.id, moves }
    }
    moves++
    // A finished hold may be gone (retention): the chain then starts at the oldest one kept.
    const [previous] = await booking.listHolds({ id: from }, { take: 1 })
    if (!previous) {
      return { id: from, moves }
    }
    current = previous
  }
}

/**
 * The holds as bookings: a stay's nights (holds of one line, one resource
 * and quantity, night after night) become its first night's hold with the
 * check-out day and the count of nights; other holds stay as they are.
 */
function stays(sorted: HoldRow[]): (HoldRow & { end_date?: string; nights?: number })[] {
  const out: (HoldRow & { end_date?: string; nights?: number })[] = []
  for (const h of sorted) {
    const last = out.find(
      (o) =>
        h.line_item_id && o.line_item_id === h.line_item_id && o.resource_id === h.resource_id && o.slot === "" && h.slot === "" &&
        o.quantity === h.quantity && (o.end_date ?? addDays(o.date, 1)) === h.date
    )
    if (last) {
      last.end_date = addDays(h.date, 1)
      last.nights = (last.nights ?? 1) + 1
    } else {
      out.push({ ...h })
    }
  }
  return out
}

/** What the guest is told about `holds` of one order: the bookings and their calendar file. */
export async function bookingMessage(container: MedusaContainer, orderId: string, holds: HoldRow[], kind: BookingMessageKind): Promise<BookingMessage | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [order],
  } = await query.graph({ entity: "order", fields: ["id", "email", "display_id"], filters: { id: orderId } })
  if (!order || !holds.length) {
    return null
  }
  const booking = bookingModule(container)
  const fallback = booking.getOptions().timeZone
  const resources = new Map(
    (await booking.listResources({ id: [...new Set(holds.map((h) => h.resource_id))] }, { select: ["id", "title", "time_zone"], withDeleted: true })).map((r) => [r.id, r])
  )
  const bookings: MessageBooking[] = []
  const events: CalendarBooking[] = []
  const sorted = stays([...holds].sort((a, b) => a.date.localeCompare(b.date) || a.slot.localeCompare(b.slot)))
  const windows = await booking.saleWindows(sorted, { cutoff: false })
  for (const h of sorted) {
    const resource = resources.get(h.resource_id)
    const zone = resource?.time_zone ?? fallback
    const title = resource?.title ?? h.resource_id
    const window = windows.find((w) => w.resource_id === h.resource_id && w.date === h.date && w.slot === h.slot)
    const stay = h.end_date ? { end_date: h.end_date, nights: h.nights } : {}
    bookings.push({ hold_id: h.id, resource: title, date: h.date, slot: h.slot, time_zone: zone, starts_at: window?.starts_at ?? h.date, quantity: h.quantity, ...stay })
    const { id, moves } = await origin(container, h)
    events.push({
      uid: `${id}@${UID_DOMAIN}`,
      sequence: moves,
      summary: title,
      description: `${h.quantity} × ${title}${order.display_id ? `, order #${order.display_id}` : ""}`,
      date: h.date,
      slot: h.slot,
      time_zone: zone,
      ...stay,
    })
  }
  return {
    order_id: order.id,
    email: order.email ?? null,
    // Number(): Medusa's generated query types (present in a built store) type it as a string.
    display_id: order.display_id != null ? Number(order.display_id) : null,
    bookings,
    calendar: bookingCalendar(events, kind === "canceled" ? "CANCEL" : "PUBLISH"),
  }
}
