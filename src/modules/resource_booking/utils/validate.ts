import { MedusaError } from "@medusajs/framework/utils"
import { MAX_QUANTITY, MAX_RANGE_DAYS, MAX_SLOTS } from "./limits"


const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/

function invalid(message: string): never {
  throw new MedusaError(MedusaError.Types.INVALID_DATA, message)
}

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
  for (
    let t = Date.parse(`${start}T00:00:00Z`);
    t <= Date.parse(`${end}T00:00:00Z`);
    t += 86_400_000
  ) {
    days.push(new Date(t).toISOString().slice(0, 10))
    if (days.length > MAX_RANGE_DAYS) {
      invalid(`the range ${start}..${end} is longer than ${MAX_RANGE_DAYS} days`)
    }
  }
  return days
}

const SLOT_RE = /^([01]\d|2[0-3]):[0-5]\d$/

/** A slot's start label, "HH:MM" on a 24-hour clock (a label: no time zone). */
export function isSlot(value: unknown): value is string {
  return typeof value === "string" && SLOT_RE.test(value)
}

/** A hold's slot: "" (the whole day) when absent, else a valid label. */
export function assertSlot(value: unknown, field: string): string {
  if (value === undefined || value === null || value === "") {
    return ""
  }
  if (!isSlot(value)) {
    invalid(`${field} must be a slot's start time as HH:MM (00:00 to 23:59), got ${JSON.stringify(value)}`)
  }
  return value
}

/** A resource's slots: distinct HH:MM labels, returned in time order. */
export function assertSlots(value: unknown, field = "slots"): string[] {
  if (!Array.isArray(value)) {
    invalid(`${field} must be an array of start times as HH:MM, e.g. ["09:00", "14:00"]`)
  }
  if (value.length > MAX_SLOTS) {
    invalid(`${field} can have at most ${MAX_SLOTS} slots, got ${value.length}`)
  }
  const bad = value.find((s) => !isSlot(s))
  if (bad !== undefined) {
    invalid(`${field} must list start times as HH:MM (00:00 to 23:59), got ${JSON.stringify(bad)}`)
  }
  const slots = [...new Set(value as string[])].sort()
  if (slots.length !== value.length) {
    invalid(`${field} lists a slot twice`)
  }
  return slots
}
