import { invalid } from "../errors"
import { MAX_RANGE_DAYS } from "./limits"

// Checks of the module's generic inputs; each refuses with a 400 naming the field.

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/

/** A real calendar day as YYYY-MM-DD (2026-02-30 is refused). */
export function isCalendarDay(value: unknown): value is string {
  if (typeof value !== "string") {
    return false
  }
  const m = DAY_RE.exec(value)
  if (!m) {
    return false
  }
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))
  return d.toISOString().slice(0, 10) === value
}

export function assertCalendarDay(value: unknown, field: string): string {
  if (!isCalendarDay(value)) {
    invalid(`${field} must be a calendar day as YYYY-MM-DD, got ${JSON.stringify(value)}`)
  }
  return value
}

export function assertInt(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    invalid(`${field} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`)
  }
  return value
}

export function assertId(value: unknown, field: string): string {
  if (typeof value !== "string" || value.trim() === "" || value.length > 255) {
    invalid(`${field} must be a non-empty id string, got ${JSON.stringify(value)}`)
  }
  return value
}

export function assertIds(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    invalid(`${field} must be a non-empty array of ids`)
  }
  return [...new Set(value.map((id, i) => assertId(id, `${field}[${i}]`)))]
}

/** Every day from `from` to `to` inclusive; refuses reversed or over-long ranges. */
export function daysBetween(from: unknown, to: unknown): string[] {
  const start = assertCalendarDay(from, "from")
  const end = assertCalendarDay(to, "to")
  if (start > end) {
    invalid(`from (${start}) must not be after to (${end})`)
  }
  const days: string[] = []
  for (let t = Date.parse(`${start}T00:00:00Z`); t <= Date.parse(`${end}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10))
    if (days.length > MAX_RANGE_DAYS) {
      invalid(`the range ${start}..${end} is longer than ${MAX_RANGE_DAYS} days`)
    }
  }
  return days
}
