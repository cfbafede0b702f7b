import { DateTime } from "luxon"
import { notFound } from "../errors"
import { LOCK_KEYS } from "../locks"
import { json, type Op } from "../op"
import { assertId, daysBetween } from "../utils/validate"
import { assertSlot } from "../resources/slot-rule"
import { checkedRules, expandedRules, type Schedule, type ScheduleResult, type ScheduleRule, type UncutDay } from "./rules"
import * as SQL from "./sql"

type Scheduled = {
  id: string
  title: string
  slots: string[]
  schedule: Schedule | null
  booking_horizon_days: number
  schedule_expanded_until: string | null
  today: string
}

const plusDays = (date: string, days: number) => DateTime.fromISO(date, { zone: "UTC" }).plus({ days }).toISODate()!
const later = (a: string, b: string | null) => (b && b > a ? b : a)

/** The resource's lock, exclusive: no hold or capacity write of it runs meanwhile. */
async function lockResource(op: Op, id: string): Promise<Scheduled> {
  await op.em.execute(LOCK_KEYS, [json([{ resource_id: id, exclusive: true }]), json([])])
  const [resource] = await op.em.execute(SQL.SCHEDULE_OF, [op.options.timeZone, id])
  if (!resource) {
    notFound(`Resource with id "${id}" was not found`)
  }
  return resource as unknown as Scheduled
}

async function writeOut(op: Op, r: Scheduled, rules: ScheduleRule[], from: string, to: string) {
  if (from > to) {
    return { written: 0, removed: 0, uncut: [] as UncutDay[] }
  }
  const [result] = await op.em.execute(SQL.APPLY_SCHEDULE, [r.id, from, to, json(expandedRules(rules, r.slots))])
  return result as { written: number; removed: number; uncut: UncutDay[] }
}

/**
 * Sets a resource's weekly schedule and writes it out from its today to its
 * horizon (booking_horizon_days); [] or null removes it. Days a previous
 * schedule had written beyond that are cleared. Exceptions stay; a day whose
 * holds use more than the new schedule gives keeps what they use and is listed.
 */
export async function setSchedule(op: Op, resourceId: unknown, input: { rules: unknown }): Promise<ScheduleResult> {
  const id = assertId(resourceId, "resource_id")
  const r = await lockResource(op, id)
  const rules = input?.rules === null ? [] : checkedRules(input?.rules, r.slots)
  const schedule = rules.length ? { rules } : null
  const until = schedule ? plusDays(r.today, r.booking_horizon_days - 1) : null
  const result = await writeOut(op, r, rules, r.today, later(until ?? r.today, r.schedule_expanded_until))
  await op.em.execute(SQL.STORE_SCHEDULE, [schedule ? json(schedule) : null, until, id])
  return { resource_id: id, schedule, expanded_until: until, ...result }
}

/**
 * Gives days back to the schedule: the exceptions from..to (in `slots`, or
 * every slot) follow it again, written out at once from today on.
 */
export async function followSchedule(
  op: Op,
  resourceId: unknown,
  input: { from: string; to: string; slots?: string[] | null }
): Promise<ScheduleResult & { days: { date: string; slot: string }[] }> {
  const id = assertId(resourceId, "resource_id")
  const days = daysBetween(input?.from, input?.to)
  const slots = input?.slots ? input.slots.map((s, i) => assertSlot(s, `slots[${i}]`)) : null
  const r = await lockResource(op, id)
  const from = days[0]
  const to = days[days.length - 1]
  const followed: { date: string; slot: string }[] = await op.em.execute(SQL.FOLLOW_SCHEDULE, [id, from, to, slots && json(slots), slots && json(slots)])
  const result = await writeOut(op, r, r.schedule?.rules ?? [], later(from, r.today), to)
  return { resource_id: id, schedule: r.schedule, expanded_until: r.schedule_expanded_until, ...result, days: followed }
}

/** Writes a scheduled resource's days on to its horizon from where they stop (the daily top-up). */
export async function topUpSchedule(op: Op, resourceId: string): Promise<number> {
  const r = await lockResource(op, resourceId)
  if (!r.schedule) {
    return 0
  }
  const until = plusDays(r.today, r.booking_horizon_days - 1)
  const from = r.schedule_expanded_until ? later(plusDays(r.schedule_expanded_until, 1), r.today) : r.today
  const { written } = await writeOut(op, r, r.schedule.rules, from, until)
  await op.em.execute(SQL.STORE_SCHEDULE, [json(r.schedule), until, resourceId])
  return written
}

/** Writes a resource's schedule out again from today to where it was written (its slots changed). */
export async function rewriteSchedule(op: Op, resourceId: string): Promise<void> {
  const r = await lockResource(op, resourceId)
  if (r.schedule && r.schedule_expanded_until) {
    await writeOut(op, r, r.schedule.rules, r.today, r.schedule_expanded_until)
  }
}

/** The scheduled resources whose days stop short of their horizon. */
export async function resourcesBehindHorizon(op: Op): Promise<string[]> {
  const rows = (await op.em.execute(SQL.BEHIND_HORIZON, [op.options.timeZone])) as unknown as { id: string }[]
  return rows.map((r) => r.id)
}

