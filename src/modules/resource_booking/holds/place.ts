import { generateEntityId } from "@medusajs/framework/utils"
import { invalid } from "../errors"
import { HoldEvents } from "../events"
import { uniqueKeys } from "../keys"
import { lockParameters } from "../locks"
import { json, type Op } from "../op"
import { assertSlot } from "../resources/slot-rule"
import type { CreateHoldsOptions, HoldRow, Key } from "../types"
import { MAX_BATCH_ITEMS, MAX_HOLD_TTL_MINUTES, MAX_QUANTITY } from "../utils/limits"
import { assertCalendarDay, assertId, assertInt } from "../utils/validate"
import { type PlaceBatcher, placeTogether } from "./place-batch"
import { explainRefusal } from "./refusals"
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

/**
 * Holds capacity for every item or none: one call of the place function
 * (holds/functions.ts). Given a batcher (a call outside a caller's
 * transaction), the call may carry other requests waiting on the same keys
 * (holds/place-batch.ts); the answer is this request's alone either way.
 */
export async function placeHolds(
  op: Op,
  items: unknown,
  options: CreateHoldsOptions = {},
  batcher?: PlaceBatcher
): Promise<HoldRow[]> {
  const normalized = validateItems(items)
  const ttlMinutes =
    options.ttlMinutes === undefined || options.ttlMinutes === null
      ? undefined
      : assertInt(options.ttlMinutes, "ttlMinutes", 1, MAX_HOLD_TTL_MINUTES)
  const { request, extra } = holdRequest(op, normalized, { ...options, ttlMinutes })
  const asked = { op, lock: lockParameters(uniqueKeys(normalized)), request: [...request, ...extra], items: normalized.length }
  const placed = batcher ? await batcher.place(asked) : (await placeTogether(op, asked.lock, [asked.request]))[0]
  if ("refusal" in placed) {
    explainRefusal(placed.refusal)
  }
  op.note(HoldEvents.EXPIRED, placed.expired)
  const holds = placed.holds.map(holdRow)
  op.note(HoldEvents.CREATED, holds.map((h: HoldRow) => h.id))
  return holds
}

/**
 * A request for holds as INSERT_HOLDS and CAPACITY_FOR_ITEMS take it
 * (HOLD_REQUEST's nine parameters), its items given ids, and the two that
 * only INSERT_HOLDS takes (customer, metadata).
 */
export function holdRequest(
  op: Op,
  items: (Item & { line_item_id?: string | null })[],
  options: CreateHoldsOptions
): { request: unknown[]; extra: unknown[] } {
  const withIds = items.map((item, ord) => ({
    ...item,
    id: generateEntityId(undefined, "hold"),
    ord,
    order_id: options.order_id ?? null,
    order_change_id: options.order_change_id ?? null,
  }))
  return {
    request: [
      options.cart_id ?? null,
      options.ttlMinutes ?? null,
      op.options.holdTtlMinutes,
      op.options.maxHoldMinutes,
      options.capped !== false,
      options.capped !== false ? op.options.maxQuantityPerCart : null,
      op.options.timeZone,
      options.cutoff !== false,
      json(withIds),
    ],
    extra: [options.customer_id ?? null, options.metadata ? json(options.metadata) : null],
  }
}

/** The hold columns that are times: a function's JSON gives them as text. */
const TIMES = ["expires_at", "confirmed_at", "released_at", "expired_at", "canceled_at", "payment_checked_at", "created_at", "updated_at", "deleted_at"]

/** A hold row from a function's JSON, its times as Dates (as the driver gives them). */
export function holdRow(row: Record<string, any>): HoldRow {
  const out: Record<string, any> = { ...row }
  for (const key of TIMES) {
    if (typeof out[key] === "string") {
      out[key] = new Date(out[key])
    }
  }
  return out as HoldRow
}

/**
 * Inserts holds for items already validated, inside a transaction that has
 * locked their keys (an order's sync), all or nothing: the capacity check,
 * the decrement and the insert are one statement.
 */
export async function insertHolds(
  op: Op,
  items: (Item & { line_item_id?: string | null })[],
  options: CreateHoldsOptions
): Promise<HoldRow[]> {
  const { request, extra } = holdRequest(op, items, options)
  const holds: HoldRow[] = await op.em.execute(SQL.INSERT_HOLDS, [...request, ...extra])
  if (holds.length !== items.length) {
    explainRefusal(await op.em.execute(SQL.CAPACITY_FOR_ITEMS, request))
  }
  op.note(HoldEvents.CREATED, holds.map((h) => h.id))
  return holds
}
