import { generateEntityId } from "@medusajs/framework/utils"
import type { CapacityRow } from "../types"
import * as SQL from "../utils/sql"
import { assertId, assertInt, daysBetween, MAX_QUANTITY } from "../utils/validate"
import { json, lockAndExpire, lockKeys, notAllowed, notFound, type Op } from "./context"

export type Availability = { date: string; max_capacity: number; available_capacity: number }

/** The resource, not deleted; NOT_FOUND otherwise. */
export async function findResource(op: Op, resourceId: string): Promise<{ id: string; title: string }> {
  const [resource]: { id: string; title: string }[] = await op.em.execute(SQL.RESOURCE_BY_ID, [resourceId])
  return resource ?? notFound(`Resource with id "${resourceId}" was not found`)
}

async function upsertDays(op: Op, resourceId: string, days: string[], max: number): Promise<CapacityRow[]> {
  return await op.em.execute(SQL.UPSERT_CAPACITY, [
    json(days.map((date) => ({ id: generateEntityId(undefined, "rbcap"), date }))),
    resourceId,
    resourceId,
    max,
    max,
  ])
}

/**
 * Sets max_capacity for every day from..to (inclusive), under the days'
 * locks. Refuses, changing nothing, when a day's active and confirmed holds
 * already use more.
 */
export async function setCapacity(
  op: Op,
  resourceId: unknown,
  input: { from: string; to: string; max_capacity: number }
): Promise<CapacityRow[]> {
  const id = assertId(resourceId, "resource_id")
  const days = daysBetween(input?.from, input?.to)
  const max = assertInt(input.max_capacity, "max_capacity", 0, MAX_QUANTITY)
  const resource = await findResource(op, id)
  await lockAndExpire(op, days.map((date) => ({ resource_id: id, date })))

  const over: { date: string; used: number }[] = await op.em.execute(SQL.USED_OVER_MAX, [id, json(days), max])
  if (over.length) {
    const list = over.slice(0, 5).map((o) => `${o.date} (${o.used} held)`).join(", ")
    const more = over.length > 5 ? ` and ${over.length - 5} more day(s)` : ""
    notAllowed(
      `Cannot set max_capacity of resource "${resource.title}" (${id}) to ${max}: active and confirmed holds already use more on ${list}${more}`
    )
  }
  const rows = await upsertDays(op, id, days, max)
  return rows.sort((a, b) => a.date.localeCompare(b.date))
}

/**
 * Puts days back as a snapshot had them (setCapacity's compensation): the old
 * maxima, and the days it created removed, under the same locks and checks.
 */
export async function restoreCapacity(
  op: Op,
  resourceId: string,
  snapshot: { date: string; max_capacity: number }[],
  createdDays: string[]
): Promise<void> {
  const days = [...snapshot.map((s) => s.date), ...createdDays]
  await lockKeys(op, days.map((date) => ({ resource_id: resourceId, date })))
  const byMax = new Map<number, string[]>()
  for (const { date, max_capacity } of snapshot) {
    byMax.set(max_capacity, [...(byMax.get(max_capacity) ?? []), date])
  }
  for (const [max, dates] of byMax) {
    const over = await op.em.execute(SQL.USED_OVER_MAX, [resourceId, json(dates), max])
    if (over.length) {
      notAllowed(`Cannot restore the capacity of ${resourceId}: holds now use more than ${max}`)
    }
    await upsertDays(op, resourceId, dates, max)
  }
  if (createdDays.length) {
    await op.em.execute(SQL.DELETE_UNUSED_DAYS, [resourceId, json(createdDays)])
  }
}

/**
 * What a shopper can book per day: available capacity plus what overdue
 * holds still keep (they are expired on the next write to their day).
 */
export async function getAvailability(
  op: Op,
  resourceId: unknown,
  range: { from: string; to: string }
): Promise<Availability[]> {
  const id = assertId(resourceId, "resource_id")
  const days = daysBetween(range?.from, range?.to)
  await findResource(op, id)
  return await op.em.execute(SQL.AVAILABILITY, [id, id, days[0], days[days.length - 1]])
}
