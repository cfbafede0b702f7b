import { isCalendarDay } from "../utils/validate"

// The one rule of stays (docs/design.md §13): a resource sold by the stay is
// booked for a range of nights, `start` the first and `end` the day after the
// last (exclusive), from min_nights to max_nights of them; any other resource
// by one day (or slot) at a time. A stay holds each of its nights as the key
// (resource, night, ""), so capacity, locks and the invariant stay per day.

const DAY_MS = 86_400_000

/** The calendar day `n` days after `day` (YYYY-MM-DD). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)
}

/** How many nights run from `start` to `end` (negative when `end` comes first). */
export function nightsBetween(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS)
}

/** Every night of a stay: from `start` up to, not including, `end`. */
export function nightsOf(start: string, end: string): string[] {
  const n = nightsBetween(start, end)
  return Array.from({ length: Math.max(0, n) }, (_, i) => addDays(start, i))
}

export type StayResource = { min_nights?: number | null; max_nights?: number | null }

/** Whether a resource is sold by the stay. */
export const soldByStay = (r: StayResource | null | undefined) => !!r && r.min_nights != null && r.max_nights != null

/**
 * Whether `resource` takes a booking from `start` with end `end`: `ok`;
 * `not-a-stay` (an end given for a resource booked by the day);
 * `end-required` (no end, the resource is sold by the stay); `bad-end` (not
 * a calendar day after `start`); `too-short` / `too-long` (outside
 * min_nights..max_nights).
 */
export function stayVerdict(
  resource: StayResource,
  start: string,
  end: unknown
): "ok" | "not-a-stay" | "end-required" | "bad-end" | "too-short" | "too-long" {
  const given = end !== undefined && end !== null && end !== ""
  if (!soldByStay(resource)) {
    return given ? "not-a-stay" : "ok"
  }
  if (!given) {
    return "end-required"
  }
  if (!isCalendarDay(end) || end <= start) {
    return "bad-end"
  }
  const n = nightsBetween(start, end)
  return n < resource.min_nights! ? "too-short" : n > resource.max_nights! ? "too-long" : "ok"
}

/** How a message says what a resource sold by the stay takes. */
export const nightsRange = (r: StayResource) =>
  r.min_nights === r.max_nights ? `${r.min_nights} night(s)` : `${r.min_nights} to ${r.max_nights} nights`

/** "2026-07-01 to 2026-07-04 (3 nights)": how messages name a stay. */
export const stayLabel = (start: string, end: string) => `${start} to ${end} (${nightsBetween(start, end)} night${nightsBetween(start, end) === 1 ? "" : "s"})`
