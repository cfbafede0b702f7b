import type { AdminHold } from "../../api/types"

/** A row of a bookings list: a hold, or a stay's nights as one (its first night's hold, with the check-out day). */
export type BookingRow = AdminHold & { end_date?: string; nights?: number; hold_ids: string[] }

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

/**
 * Holds as bookings: the nights of one stay (holds of one line item and
 * resource, of one status and quantity, night after night) become one row
 * from check-in to check-out; every other hold is a row of its own. The
 * holds come in any order.
 */
export function groupStays(holds: AdminHold[]): BookingRow[] {
  const rows: BookingRow[] = []
  const sorted = [...holds].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  for (const h of sorted) {
    const stay = rows.find(
      (r) =>
        !!h.line_item_id && r.line_item_id === h.line_item_id && r.resource_id === h.resource_id && !r.slot && !h.slot &&
        r.status === h.status && r.quantity === h.quantity && (r.end_date ?? nextDay(r.date)) === h.date
    )
    if (stay) {
      stay.end_date = nextDay(h.date)
      stay.nights = (stay.nights ?? 1) + 1
      stay.hold_ids.push(h.id)
    } else {
      rows.push({ ...h, hold_ids: [h.id] })
    }
  }
  return rows
}

/** "2026-07-01 09:00", or for a stay "2026-07-01 → 2026-07-04 · 3 nights". */
export const bookingWhen = (r: BookingRow) =>
  r.end_date ? `${r.date} → ${r.end_date} · ${r.nights} nights` : r.slot ? `${r.date} ${r.slot}` : r.date
