import { invalid, notAllowed, notFound } from "../errors"
import { lockAndExpire, lockKeys } from "../locks"
import { json, type Op } from "../op"
import { MAX_CUTOFF_MINUTES, MAX_HORIZON_DAYS } from "../utils/limits"
import { isTimeZone } from "../utils/time-zone"
import { assertId, assertInt } from "../utils/validate"
import { assertSlots } from "./slot-rule"
import * as SQL from "./sql"

/** The ids a generated delete/restore method accepts: an id, ids, or objects with an id. */
export function idsOf(value: unknown, field = "ids"): string[] {
  const list = Array.isArray(value) ? value : [value]
  if (!list.length) {
    invalid(`${field} must name at least one resource`)
  }
  return [...new Set(list.map((v, i) => assertId(typeof v === "object" && v ? (v as any).id : v, `${field}[${i}]`)))]
}

/**
 * Resources are created and updated on their own: capacity goes through
 * setCapacity and holds through placeHolds, which keep the invariant.
 */
export function assertNoNested(data: unknown, method: string): void {
  for (const row of Array.isArray(data) ? data : [data]) {
    const nested = ["capacities", "holds"].filter((k) => row && typeof row === "object" && k in row)
    if (nested.length) {
      notAllowed(
        `${method} does not take ${nested.join(" or ")}: set capacity with setCapacity and hold it with placeHolds`
      )
    }
    if (row && typeof row === "object" && ("schedule" in row || "schedule_expanded_until" in row)) {
      notAllowed(`${method} does not take a schedule: set it with setSchedule, which writes its days out`)
    }
    if (row && typeof row === "object") {
      assertTimeFields(row)
    }
  }
}

/** A resource's zone, cut-off and horizon, when given: checked as the HTTP validators check them. */
function assertTimeFields(row: Record<string, unknown>): void {
  if (row.time_zone !== undefined && row.time_zone !== null && !isTimeZone(row.time_zone)) {
    invalid(`time_zone must be an IANA time zone name, e.g. Europe/Copenhagen or UTC, got ${JSON.stringify(row.time_zone)}`)
  }
  if (row.cutoff_minutes !== undefined && row.cutoff_minutes !== null) {
    assertInt(row.cutoff_minutes, "cutoff_minutes", 0, MAX_CUTOFF_MINUTES)
  }
  if (row.booking_horizon_days !== undefined) {
    assertInt(row.booking_horizon_days, "booking_horizon_days", 1, MAX_HORIZON_DAYS)
  }
}

export function refuseSlotsBySelector(): never {
  notAllowed("Change slots one resource at a time: updateResources({ id, slots }) or setResourceSlots")
}

/** A new resource's slots, checked and in time order (absent: booked by the day). */
export function withCheckedSlots<T>(data: T): T {
  const check = (row: any) => (row && typeof row === "object" && "slots" in row ? { ...row, slots: assertSlots(row.slots) } : row)
  return (Array.isArray(data) ? data.map(check) : check(data)) as T
}

/**
 * Soft-deletes resources and their capacity, refusing while a resource has
 * active or confirmed holds. Every day it has capacity for is locked first,
 * so no hold can be placed between the check and the delete.
 */
export async function softDeleteResources(op: Op, ids: string[]): Promise<void> {
  for (const id of ids) {
    const [resource] = await op.em.execute(SQL.RESOURCE_BY_ID, [id])
    if (!resource) {
      notFound(`Resource with id "${id}" was not found`)
    }
    const days: { date: string; slot: string }[] = await op.em.execute(SQL.CAPACITY_DAYS, [id])
    await lockAndExpire(op, days.map(({ date, slot }) => ({ resource_id: id, date, slot })))
    const [{ holds }] = await op.em.execute(SQL.COUNT_LIVE_HOLDS, [id])
    if (holds > 0) {
      notAllowed(
        `Resource "${resource.title}" (${id}) has ${holds} active or confirmed hold(s) and cannot be deleted; deactivate it instead`
      )
    }
    await op.em.execute(SQL.SOFT_DELETE_RESOURCE, [id, id])
  }
}

/**
 * Brings soft-deleted resources back with the capacity deleted with them,
 * each day recounted under its lock (available = max - what live holds use).
 */
export async function restoreResources(op: Op, ids: string[]): Promise<void> {
  for (const id of ids) {
    const [resource] = await op.em.execute(SQL.DELETED_RESOURCE_BY_ID, [id])
    if (!resource) {
      notFound(`No deleted resource with id "${id}"`)
    }
    if (resource.handle_taken) {
      notAllowed(
        `Resource ${id} cannot be restored: another resource now has its handle "${resource.handle}"; change that one's handle first`
      )
    }
    const days: { date: string; slot: string }[] = await op.em.execute(SQL.DAYS_DELETED_WITH, [id])
    await lockKeys(op, days.map(({ date, slot }) => ({ resource_id: id, date, slot })))
    await op.em.execute(SQL.RESTORE_RESOURCE, [id, id])
  }
}

/**
 * Deletes resources for good, only while nothing refers to them (no
 * capacity, no holds, even deleted ones): the undo of a resource just
 * created. Anything else is history and is soft-deleted instead.
 */
export async function deleteUnusedResources(op: Op, ids: string[]): Promise<void> {
  const used: { id: string }[] = await op.em.execute(SQL.RESOURCES_IN_USE, [json(ids)])
  if (used.length) {
    notAllowed(
      `deleteResources only removes resources that never had capacity or holds (${used.map((r) => r.id).join(", ")} have); use softDeleteResources`
    )
  }
  await op.em.execute(SQL.DELETE_RESOURCES, [json(ids)])
}
