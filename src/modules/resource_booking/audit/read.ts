import type { RunStatement } from "../sweep/cleanup"
import type { AuditReport, AuditRow } from "../types"
import { isCalendarDay } from "../utils/validate"
import * as SQL from "./sql"

/** Seconds a mismatch may last before it counts: subscribers give capacity back just after a commit. */
export const AUDIT_GRACE_SECONDS = 60

type Row = AuditRow & {
  need: number
  have: number
  order_missing: boolean
  order_status: string | null
  is_draft_order: boolean | null
  settled: boolean | null
}

function uncoveredReason(r: Row): string {
  if (!isCalendarDay(r.date)) {
    return "the line has no valid metadata.booking_date"
  }
  return r.have === 0 ? "no confirmed booking covers it" : `confirmed bookings cover ${r.have} of ${r.need}`
}

function orphanedReason(r: Row): string {
  if (r.order_missing) {
    return r.order_id ? "its order does not exist" : "it belongs to no order"
  }
  if (r.order_status === "canceled") {
    return "its order is canceled"
  }
  if (r.is_draft_order || r.order_status === "draft") {
    return "its order is a draft"
  }
  return r.need === 0 ? "no live line of the order books this day" : `the order's lines book ${r.need}, its confirmed bookings hold ${r.have}`
}

/**
 * The books audit (docs/design.md): booking lines of live orders that their
 * confirmed holds do not cover, and confirmed holds that cover no live line.
 * `available` is false where Medusa's order tables are not in the database.
 */
export async function auditBookings(run: RunStatement, input: { from?: string | null } = {}): Promise<AuditReport> {
  const [{ ready }] = await run(SQL.AUDIT_READY, [])
  if (!ready) {
    return { available: false, uncovered: [], orphaned: [] }
  }
  const rows: Row[] = await run(SQL.AUDIT, [AUDIT_GRACE_SECONDS, input.from ?? null])
  const entry = (r: Row, reason: string): AuditRow => ({
    order_id: r.order_id,
    display_id: r.display_id,
    resource_id: r.resource_id,
    date: r.date,
    slot: r.slot,
    booked: r.have,
    ordered: r.need,
    lines: r.lines,
    hold_ids: r.hold_ids,
    reason,
    settled: r.settled !== false,
  })
  return {
    available: true,
    uncovered: rows.filter((r) => r.need > r.have).map((r) => entry(r, uncoveredReason(r))),
    orphaned: rows.filter((r) => r.have > r.need).map((r) => entry(r, orphanedReason(r))),
  }
}
