import { invalid } from "../errors"
import { assertSlot, listSlots, sellableSlots } from "../resources/slot-rule"
import { MAX_QUANTITY } from "../utils/limits"
import { assertInt, isCalendarDay } from "../utils/validate"

/** One line of a weekly schedule, as written by a person: Monday = 1 … Sunday = 7. */
export type ScheduleRule = {
  weekdays: number[]
  /** Some of the resource's slots; absent: every one (a resource booked by the day has none). */
  slots?: string[]
  capacity: number
  /** The season: the first and last day it applies (inclusive); absent: always. */
  valid_from?: string | null
  valid_until?: string | null
}

export type Schedule = { rules: ScheduleRule[] }

/** A key a schedule change could not cut: its holds use more than the schedule gives. */
export type UncutDay = { date: string; slot: string; used: number; capacity: number }

export type ScheduleResult = {
  resource_id: string
  schedule: Schedule | null
  /** The last day the schedule is written out to (its horizon), or null without a schedule. */
  expanded_until: string | null
  /** Keys written (created or changed) and removed. */
  written: number
  removed: number
  uncut: UncutDay[]
}


/** The most rules one schedule may have. */
export const MAX_SCHEDULE_RULES = 100

/**
 * Checks a schedule against the resource's slots and returns it as stored:
 * weekdays sorted, slots sorted or absent (every slot the resource has when
 * it is written out). Refuses with a message naming the rule and the field.
 */
export function checkedRules(value: unknown, resourceSlots: string[]): ScheduleRule[] {
  if (!Array.isArray(value)) {
    invalid(`rules must be a list of { weekdays, slots?, capacity, valid_from?, valid_until? }, got ${JSON.stringify(value ?? null)}`)
  }
  if (value.length > MAX_SCHEDULE_RULES) {
    invalid(`A schedule may have at most ${MAX_SCHEDULE_RULES} rules, got ${value.length}`)
  }
  return value.map((rule: any, i) => {
    const at = `rules[${i}]`
    if (!rule || typeof rule !== "object") {
      invalid(`${at} must be an object { weekdays, slots?, capacity, valid_from?, valid_until? }`)
    }
    const unknown = Object.keys(rule).filter((k) => !["weekdays", "slots", "capacity", "valid_from", "valid_until"].includes(k))
    if (unknown.length) {
      invalid(`${at} has unknown field(s) ${unknown.join(", ")}: a rule takes weekdays, slots, capacity, valid_from and valid_until`)
    }
    if (!Array.isArray(rule.weekdays) || !rule.weekdays.length) {
      invalid(`${at}.weekdays must list days of the week, Monday = 1 to Sunday = 7, e.g. [2, 3, 4, 5, 6, 7]`)
    }
    const weekdays = [...new Set(rule.weekdays.map((d: unknown, j: number) => assertInt(d, `${at}.weekdays[${j}]`, 1, 7)))].sort() as number[]
    let slots: string[] | undefined
    if (rule.slots !== undefined && rule.slots !== null) {
      if (!resourceSlots.length) {
        invalid(`${at}.slots: the resource is booked by the whole day; leave slots out`)
      }
      if (!Array.isArray(rule.slots) || !rule.slots.length) {
        invalid(`${at}.slots must list some of the resource's slots (${listSlots(resourceSlots)}), or be left out for all`)
      }
      slots = [...new Set(rule.slots.map((s: unknown, j: number) => assertSlot(s, `${at}.slots[${j}]`)))].sort() as string[]
      const foreign = slots.filter((s) => !resourceSlots.includes(s))
      if (foreign.length) {
        invalid(`${at}.slots: the resource is not sold at ${foreign.join(", ")} (its slots: ${listSlots(resourceSlots)})`)
      }
    }
    const capacity = assertInt(rule.capacity, `${at}.capacity`, 0, MAX_QUANTITY)
    const day = (v: unknown, field: string) => {
      if (v === undefined || v === null) {
        return null
      }
      if (!isCalendarDay(v)) {
        invalid(`${at}.${field} must be a calendar day as YYYY-MM-DD, got ${JSON.stringify(v)}`)
      }
      return v
    }
    const valid_from = day(rule.valid_from, "valid_from")
    const valid_until = day(rule.valid_until, "valid_until")
    if (valid_from && valid_until && valid_from > valid_until) {
      invalid(`${at}: valid_from ${valid_from} is after valid_until ${valid_until}`)
    }
    return { weekdays, ...(slots ? { slots } : {}), capacity, valid_from, valid_until }
  })
}

/** The rules as the expansion reads them: every rule's slots explicit ("" for the whole day). */
export function expandedRules(rules: ScheduleRule[], resourceSlots: string[]) {
  return rules.map((rule) => ({ ...rule, slots: rule.slots ?? sellableSlots(resourceSlots) }))
}

/** The slots a schedule names that the resource would no longer sell with `slots`. */
export function slotsNamedBeyond(schedule: Schedule | null, slots: string[]): string[] {
  const named = (schedule?.rules ?? []).flatMap((r) => r.slots ?? [])
  return [...new Set(named.filter((s) => !slots.includes(s)))].sort()
}
