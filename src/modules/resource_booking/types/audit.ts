// The books audit's report.
/** One (order, resource, day, slot) whose booking lines and confirmed holds differ. */
export type AuditRow = {
  order_id: string | null
  display_id: number | null
  resource_id: string
  date: string | null
  slot: string
  /** What the order's confirmed holds hold there. */
  booked: number
  /** What its live booking lines book there (ordered minus returned). */
  ordered: number
  lines: { line_item_id: string; title: string; quantity: number }[]
  hold_ids: string[]
  reason: string
  /** False while the mismatch is younger than the grace window (a release after commit may still come). */
  settled: boolean
}

export type AuditReport = {
  /** False where Medusa's order tables are not in the database (a module-only test database). */
  available: boolean
  /** Booking lines more than their confirmed holds cover. */
  uncovered: AuditRow[]
  /** Confirmed holds more than any live line books (or of no live order). */
  orphaned: AuditRow[]
}
