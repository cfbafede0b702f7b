import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { MedusaError } from "@medusajs/framework/utils"
import { HoldEvents } from "../events"
import type { ResourceBookingOptions } from "../utils/options"
import * as SQL from "../utils/sql"
import { MAX_BATCH_ITEMS, MAX_QUANTITY } from "../utils/limits"
import { assertCalendarDay, assertId, assertInt, assertSlot } from "../utils/validate"

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

/** The unit of capacity and of locking: one resource on one day, in one slot ("" for the day). */
export type Key = { resource_id: string; date: string; slot: string }

export const json = (value: unknown) => JSON.stringify(value)

export function uniqueKeys(items: Key[]): Key[] {
  const seen = new Map<string, Key>()
  for (const { resource_id, date, slot } of items) {
    seen.set(`${resource_id}|${date}|${slot}`, { resource_id, date, slot })
  }
  return [...seen.values()]
}

/** "on 2026-07-01", or "on 2026-07-01 at 09:00" for a slot: how messages name a key. */
export const onKey = ({ date, slot }: { date: string; slot?: string }) => (slot ? `on ${date} at ${slot}` : `on ${date}`)

/** What a resource can be booked by: its slots, or the whole day (""). */
export const sellableSlots = (slots: string[] | null | undefined) => (slots?.length ? slots : [""])

/** How a message lists a resource's slots. */
export const listSlots = (slots: string[]) => slots.join(", ")

/** Refuses (400) a slot the resource does not sell, naming the ones it does. */
export function assertSellsSlot(resource: { id: string; title?: string; slots?: string[] | null }, slot: string, field = "slot"): void {
  const slots = resource.slots ?? []
  const what = resource.title ? `"${resource.title}" (${resource.id})` : resource.id
  if (!slots.length && slot) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Resource ${what} is booked by the whole day and has no slots; ${field} must be left out, got "${slot}"`
    )
  }
  if (slots.length && !slots.includes(slot)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      slot
        ? `Resource ${what} has no slot "${slot}"; ${field} must be one of ${listSlots(slots)}`
        : `Resource ${what} is booked by the slot; ${field} must be one of ${listSlots(slots)}`
    )
  }
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
export async function explainRefusal(op: Op, items: Item[]): Promise<never> {
  const rows: any[] = await op.em.execute(SQL.CAPACITY_FOR_ITEMS, [json(items)])
  for (const row of rows) {
    const what = row.title ? `"${row.title}" (${row.resource_id})` : row.resource_id
    if (!row.resource_found) {
      notFound(`Resource with id "${row.resource_id}" was not found`)
    }
    if (!row.is_active) {
      notAllowed(`Resource ${what} is not active and cannot be booked`)
    }
    if (!row.slot_ok) {
      assertSellsSlot({ id: row.resource_id, title: row.title, slots: row.slots }, row.slot)
    }
    if (!row.capacity_found) {
      notAllowed(`Resource ${what} has no capacity ${onKey(row)}`)
    }
    if (row.available_capacity < row.need) {
      notAllowed(
        `Not enough capacity for resource ${what} ${onKey(row)}: requested ${row.need}, available ${row.available_capacity}`
      )
    }
  }
  throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "The holds could not be created; nothing was changed")
}

/** A validated item: its slot is "" for a whole-day booking. */
export type Item = Key & { quantity: number }

export function validateItems(items: unknown): Item[] {
  if (!Array.isArray(items) || items.length === 0) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "items must be a non-empty array")
  }
  if (items.length > MAX_BATCH_ITEMS) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `at most ${MAX_BATCH_ITEMS} items can be held at once, got ${items.length}`
    )
  }
  return items.map((item: any, i) => ({
    resource_id: assertId(item?.resource_id, `items[${i}].resource_id`),
    date: assertCalendarDay(item?.date, `items[${i}].date`),
    slot: assertSlot(item?.slot, `items[${i}].slot`),
    quantity: assertInt(item?.quantity, `items[${i}].quantity`, 1, MAX_QUANTITY),
  }))
}
