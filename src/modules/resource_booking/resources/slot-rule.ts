import { invalid } from "../errors"
import { MAX_SLOTS } from "../utils/limits"

// The one rule of slots: a resource sold by the slot is booked in one of its
// slots, a resource without slots by the whole day (slot ""). The module and
// the cart's booking lines both judge by slotVerdict; each words the answer
// for what its caller sent (a field, or a line item's metadata).

const SLOT_RE = /^([01]\d|2[0-3]):[0-5]\d$/

/** A slot's start label, "HH:MM" on a 24-hour clock (local to the resource). */
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

/** What a resource can be booked by: its slots, or the whole day (""). */
export const sellableSlots = (slots: string[] | null | undefined) => (slots?.length ? slots : [""])

/** How a message lists a resource's slots. */
export const listSlots = (slots: string[]) => slots.join(", ")

/**
 * Whether a resource with `slots` sells `slot` ("" or absent: the whole day):
 * `ok`; `whole-day` (a slot given, the resource has none); `required` (none
 * given, the resource has slots); `unknown` (not one of its slots).
 */
export function slotVerdict(slots: string[] | null | undefined, slot: unknown): "ok" | "whole-day" | "required" | "unknown" {
  const given = slot !== undefined && slot !== null && slot !== ""
  if (!slots?.length) {
    return given ? "whole-day" : "ok"
  }
  if (!given) {
    return "required"
  }
  return isSlot(slot) && slots.includes(slot) ? "ok" : "unknown"
}

/** Refuses (400) a slot the resource does not sell, naming the ones it does. */
export function assertSellsSlot(
  resource: { id: string; title?: string; slots?: string[] | null },
  slot: string,
  field = "slot"
): void {
  const what = resource.title ? `"${resource.title}" (${resource.id})` : resource.id
  const list = listSlots(resource.slots ?? [])
  switch (slotVerdict(resource.slots, slot)) {
    case "whole-day":
      invalid(`Resource ${what} is booked by the whole day and has no slots; ${field} must be left out, got "${slot}"`)
    case "required":
      invalid(`Resource ${what} is booked by the slot; ${field} must be one of ${list}`)
    case "unknown":
      invalid(`Resource ${what} has no slot "${slot}"; ${field} must be one of ${list}`)
  }
}
