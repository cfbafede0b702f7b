import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { MedusaError } from "@medusajs/framework/utils"
import { HoldEvents } from "../events"
import type { HoldItemInput } from "../types"
import type { ResourceBookingOptions } from "../utils/options"
import * as SQL from "../utils/sql"
import { assertCalendarDay, assertId, assertInt, MAX_QUANTITY } from "../utils/validate"

/**
 * What an operation of the module works with: the transaction it runs in
 * (the service's decorators open and commit it), the plugin's options, and
 * `note`, which records an event to send once the transaction commits.
 */
export type Op = {
  em: SqlEntityManager
  options: ResourceBookingOptions
  note: (eventName: string, ids: string[]) => void
}

/** The unit of capacity and of locking: one resource on one day. */
export type Key = { resource_id: string; date: string }

/** At most this many items in one hold request. */
export const MAX_ITEMS = 100

export const json = (value: unknown) => JSON.stringify(value)

export function uniqueKeys(items: Key[]): Key[] {
  const seen = new Map<string, Key>()
  for (const { resource_id, date } of items) {
    seen.set(`${resource_id}|${date}`, { resource_id, date })
  }
  return [...seen.values()]
}

export function notAllowed(message: string): never {
  throw new MedusaError(MedusaError.Types.NOT_ALLOWED, message)
}

export function notFound(message: string): never {
  throw new MedusaError(MedusaError.Types.NOT_FOUND, message)
}

export async function lockKeys(op: Op, keys: Key[]): Promise<void> {
  await op.em.execute(SQL.LOCK_KEYS, [json(keys)])
}

/**
 * Locks the keys in order and expires their overdue holds, in one statement:
 * every read-then-write of the module starts here.
 */
export async function lockAndExpire(op: Op, keys: Key[]): Promise<{ id: string }[]> {
  const expired: { id: string }[] = await op.em.execute(SQL.LOCK_AND_EXPIRE_FOR_KEYS, [json(keys), json(keys)])
  op.note(HoldEvents.EXPIRED, expired.map((r) => r.id))
  return expired
}

/** Why INSERT_HOLDS took nothing, read under the same locks; always throws. */
export async function explainRefusal(op: Op, items: HoldItemInput[]): Promise<never> {
  const rows: any[] = await op.em.execute(SQL.CAPACITY_FOR_ITEMS, [json(items)])
  for (const row of rows) {
    const what = row.title ? `"${row.title}" (${row.resource_id})` : row.resource_id
    if (!row.resource_found) {
      notFound(`Resource with id "${row.resource_id}" was not found`)
    }
    if (!row.is_active) {
      notAllowed(`Resource ${what} is not active and cannot be booked`)
    }
    if (!row.capacity_found) {
      notAllowed(`Resource ${what} has no capacity on ${row.date}`)
    }
    if (row.available_capacity < row.need) {
      notAllowed(
        `Not enough capacity for resource ${what} on ${row.date}: requested ${row.need}, available ${row.available_capacity}`
      )
    }
  }
  throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "The holds could not be created; nothing was changed")
}

export function validateItems(items: unknown): HoldItemInput[] {
  if (!Array.isArray(items) || items.length === 0) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "items must be a non-empty array")
  }
  if (items.length > MAX_ITEMS) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `at most ${MAX_ITEMS} items can be held at once, got ${items.length}`
    )
  }
  return items.map((item: any, i) => ({
    resource_id: assertId(item?.resource_id, `items[${i}].resource_id`),
    date: assertCalendarDay(item?.date, `items[${i}].date`),
    quantity: assertInt(item?.quantity, `items[${i}].quantity`, 1, MAX_QUANTITY),
  }))
}
