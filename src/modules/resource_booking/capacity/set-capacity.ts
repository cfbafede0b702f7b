import { generateEntityId } from "@medusajs/framework/utils"
import { invalid, notAllowed } from "../errors"
import { onKey } from "../keys"
import { lockAndExpire, lockKeys } from "../locks"
import { json, type Op } from "../op"
import { findResource, type FoundResource } from "../resources/find"
import { assertSellsSlot, assertSlot, listSlots, sellableSlots } from "../resources/slot-rule"
import type { CapacityDay, CapacityRow } from "../types"
import { MAX_QUANTITY } from "../utils/limits"
import { assertId, assertInt, daysBetween } from "../utils/validate"
import * as SQL from "./sql"

type Day = Pick<CapacityDay, "date" | "slot">

const keysOf = (resourceId: string, days: Day[]) => days.map((d) => ({ resource_id: resourceId, ...d }))

/** `byHand`: the keys become exceptions to the weekly schedule (a compensation passes false and keeps their mark). */
async function upsertDays(op: Op, resourceId: string, days: Day[], max: number, byHand: boolean): Promise<CapacityRow[]> {
  return await op.em.execute(SQL.UPSERT_CAPACITY, [
    json(days.map((d) => ({ id: generateEntityId(undefined, "rbcap"), ...d }))),
    resourceId,
    resourceId,
    max,
    max,
    byHand,
  ])
}

/** The slots a capacity change applies to: the ones asked for (each sold), else every one. */
function chosenSlots(resource: FoundResource, slots: unknown): string[] {
  if (slots === undefined || slots === null) {
    return sellableSlots(resource.slots)
  }
  if (!Array.isArray(slots) || !slots.length) {
    invalid(
      `slots must list some of the resource's slots (${listSlots(sellableSlots(resource.slots)) || "none: it is booked by the day"})`
    )
  }
  const chosen = [...new Set(slots.map((s, i) => assertSlot(s, `slots[${i}]`)))]
  chosen.forEach((slot) => assertSellsSlot(resource, slot, "slots"))
  return chosen.sort()
}

/**
 * Sets max_capacity for every day from..to (inclusive), in every slot of the
 * resource or the ones given, under the keys' locks: by hand, so these keys
 * are exceptions the weekly schedule leaves alone (0 closes a day). Refuses, changing
 * nothing, when a key's active and confirmed holds already use more.
 */
export async function setCapacity(
  op: Op,
  resourceId: unknown,
  input: { from: string; to: string; max_capacity: number; slots?: string[] }
): Promise<CapacityRow[]> {
  const id = assertId(resourceId, "resource_id")
  const days = daysBetween(input?.from, input?.to)
  const max = assertInt(input.max_capacity, "max_capacity", 0, MAX_QUANTITY)
  const resource = await findResource(op, id)
  const slots = chosenSlots(resource, input.slots)
  const keys = days.flatMap((date) => slots.map((slot) => ({ date, slot })))
  await lockAndExpire(op, keysOf(id, keys))

  const over: { date: string; slot: string; used: number }[] = await op.em.execute(SQL.USED_OVER_MAX, [
    id,
    json(keys),
    max,
  ])
  if (over.length) {
    const list = over.slice(0, 5).map((o) => `${onKey(o).slice(3)} (${o.used} held)`).join(", ")
    const more = over.length > 5 ? ` and ${over.length - 5} more` : ""
    notAllowed(
      `Cannot set max_capacity of resource "${resource.title}" (${id}) to ${max}: active and confirmed holds already use more on ${list}${more}`
    )
  }
  const rows = await upsertDays(op, id, keys, max, true)
  return rows.sort((a, b) => a.date.localeCompare(b.date) || a.slot.localeCompare(b.slot))
}

/**
 * Puts keys back as a snapshot had them (setCapacity's compensation): the old
 * maxima, and the keys it created removed, under the same locks and checks.
 */
export async function restoreCapacity(
  op: Op,
  resourceId: string,
  snapshot: (Day & { max_capacity: number })[],
  created: Day[]
): Promise<void> {
  const keys = [...snapshot.map(({ date, slot }) => ({ date, slot })), ...created]
  await lockKeys(op, keysOf(resourceId, keys))
  const byMax = new Map<number, Day[]>()
  for (const { date, slot, max_capacity } of snapshot) {
    byMax.set(max_capacity, [...(byMax.get(max_capacity) ?? []), { date, slot }])
  }
  for (const [max, days] of byMax) {
    const over = await op.em.execute(SQL.USED_OVER_MAX, [resourceId, json(days), max])
    if (over.length) {
      notAllowed(`Cannot restore the capacity of ${resourceId}: holds now use more than ${max}`)
    }
    await upsertDays(op, resourceId, days, max, false)
  }
  if (created.length) {
    await op.em.execute(SQL.DELETE_UNUSED_DAYS, [resourceId, json(created)])
  }
}
