import { localIso } from "../time/format"
import { generateEntityId, MedusaError } from "@medusajs/framework/utils"
import { invalid, notAllowed, notFound } from "../errors"
import { HoldEvents } from "../events"
import { onKey, uniqueKeys } from "../keys"
import { lockAndExpire } from "../locks"
import { json, type Op } from "../op"
import { assertSellsSlot, assertSlot } from "../resources/slot-rule"
import type { CreateHoldsOptions, HoldRow, Key } from "../types"
import { MAX_BATCH_ITEMS, MAX_HOLD_TTL_MINUTES, MAX_QUANTITY } from "../utils/limits"
import { assertCalendarDay, assertId, assertInt } from "../utils/validate"
import * as SQL from "./sql"

/** A validated item: its slot is "" for a whole-day booking. */
export type Item = Key & { quantity: number }

/** Checks items to hold; `max` bounds a request (a cart's or order's sync: its lines' nights). */
export function validateItems(items: unknown, max = MAX_BATCH_ITEMS): Item[] {
  if (!Array.isArray(items) || items.length === 0) {
    invalid("items must be a non-empty array")
  }
  if (items.length > max) {
    invalid(`at most ${max} items (a stay counts each night) can be held at once, got ${items.length}`)
  }
  return items.map((item: any, i) => ({
    resource_id: assertId(item?.resource_id, `items[${i}].resource_id`),
    date: assertCalendarDay(item?.date, `items[${i}].date`),
    slot: assertSlot(item?.slot, `items[${i}].slot`),
    quantity: assertInt(item?.quantity, `items[${i}].quantity`, 1, MAX_QUANTITY),
  }))
}

/** Holds capacity for every item or none, after locking and expiring their keys. */
export async function placeHolds(op: Op, items: unknown, options: CreateHoldsOptions = {}): Promise<HoldRow[]> {
  const normalized = validateItems(items)
  const ttlMinutes =
    options.ttlMinutes === undefined || options.ttlMinutes === null
      ? undefined
      : assertInt(options.ttlMinutes, "ttlMinutes", 1, MAX_HOLD_TTL_MINUTES)
  await lockAndExpire(op, uniqueKeys(normalized))
  return await insertHolds(op, normalized, { ...options, ttlMinutes })
}

/**
 * Inserts holds for items already validated and locked, all or nothing: the
 * capacity check, the decrement and the insert are one statement.
 */
export async function insertHolds(
  op: Op,
  items: (Item & { line_item_id?: string | null })[],
  options: CreateHoldsOptions
): Promise<HoldRow[]> {
  const withIds = items.map((item, ord) => ({
    ...item,
    id: generateEntityId(undefined, "hold"),
    ord,
    order_id: options.order_id ?? null,
    order_change_id: options.order_change_id ?? null,
  }))
  const request = [
    options.cart_id ?? null,
    options.ttlMinutes ?? null,
    op.options.holdTtlMinutes,
    op.options.maxHoldMinutes,
    options.capped !== false,
    options.capped !== false ? op.options.maxQuantityPerCart : null,
    op.options.timeZone,
    options.cutoff !== false,
    json(withIds),
  ]
  const holds: HoldRow[] = await op.em.execute(SQL.INSERT_HOLDS, [
    ...request,
    options.customer_id ?? null,
    options.metadata ? json(options.metadata) : null,
  ])
  if (holds.length !== withIds.length) {
    await explainRefusal(op, request)
  }
  op.note(HoldEvents.CREATED, holds.map((h) => h.id))
  return holds
}

/** Why INSERT_HOLDS took nothing, read under the same locks with the same request; always throws. */
async function explainRefusal(op: Op, request: unknown[]): Promise<never> {
  const rows: any[] = await op.em.execute(SQL.CAPACITY_FOR_ITEMS, request)
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
    if (row.past) {
      notAllowed(`Resource ${what} cannot be booked ${onKey(row)}: that day has passed`)
    }
    if (row.nonexistent) {
      notAllowed(
        `Resource ${what} cannot be booked ${onKey(row)}: ${row.slot} does not exist that day in ${row.zone} (the clocks skip it)`
      )
    }
    if (row.closed) {
      const starts = localIso(row.starts_at, row.zone)
      notAllowed(
        row.cutoff_minutes
          ? `Resource ${what} cannot be booked ${onKey(row)}: its sale closed ${row.cutoff_minutes} minutes before it ${row.slot ? "starts" : "ends"} (cutoff_minutes; it starts ${starts})`
          : `Resource ${what} cannot be booked ${onKey(row)}: it ${row.slot ? "started" : "has ended"} (it starts ${starts})`
      )
    }
    if (!row.capacity_found) {
      notAllowed(`Resource ${what} has no capacity ${onKey(row)}`)
    }
    if (row.cap_reached) {
      notAllowed(
        `This cart has held resource ${what} ${onKey(row)} for the longest a hold may last (${row.max_hold} minutes, maxHoldMinutes); complete the checkout or start a new cart`
      )
    }
    if (row.available_capacity < row.need) {
      notAllowed(
        `Not enough capacity for resource ${what} ${onKey(row)}: requested ${row.need}, available ${row.available_capacity}`
      )
    }
  }
  const cart = rows[0]?.cart
  if (cart && cart.held + cart.asked > cart.max_per_cart) {
    notAllowed(
      `A cart may hold at most ${cart.max_per_cart} units at once (maxQuantityPerCart); this cart holds ${cart.held} and asked for ${cart.asked} more`
    )
  }
  throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "The holds could not be created; nothing was changed")
}
