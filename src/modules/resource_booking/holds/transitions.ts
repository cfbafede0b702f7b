import { invalid, notFound } from "../errors"
import { HoldEvents } from "../events"
import { uniqueKeys } from "../keys"
import { lockOrder, lockParameters } from "../locks"
import { json, type Op } from "../op"
import type { HoldRow, Key, TransitionResult } from "../types"
import { MAX_HOLD_TTL_MINUTES } from "../utils/limits"
import { assertId, assertIds, assertInt } from "../utils/validate"
import { holdRow } from "./place"
import { callFunction } from "./refusals"
import * as SQL from "./sql"

// Moves of existing holds between statuses (docs/design.md §1). Each is
// conditional on the current status, so repeating one changes nothing and
// two racing ones cannot both win.

/** A move of the move function (holds/functions.ts) and its parameters. */
type Move =
  | { kind: "confirm"; order_id: string | null }
  | { kind: "unconfirm" | "release" | "release_strict" | "cancel" }
  | { kind: "extend"; minutes: number; cap: number }
  | { kind: "shorten"; until: string }

/**
 * The shape every transition shares: find the holds' keys, then one call of
 * the move function: lock them in order, expire what is overdue, move, and
 * read the holds as they now are.
 */
async function transition(op: Op, ids: unknown, move: Move, eventName?: string): Promise<TransitionResult> {
  const holdIds = assertIds(ids, "ids")
  const found: (Key & { id: string })[] = await op.em.execute(SQL.HOLD_KEYS_BY_IDS, [json(holdIds)])
  if (found.length !== holdIds.length) {
    const known = new Set(found.map((h) => h.id))
    notFound(`Hold(s) not found: ${holdIds.filter((id) => !known.has(id)).slice(0, 10).join(", ")}`)
  }
  const m = move as Partial<{ order_id: string | null; minutes: number; cap: number; until: string }>
  const result = await callFunction(op, SQL.MOVE_HOLDS_CALL, [
    ...lockParameters(uniqueKeys(found)),
    move.kind,
    json(holdIds),
    m.order_id ?? null,
    m.minutes ?? null,
    m.cap ?? null,
    m.until ?? null,
  ], move.kind === "extend" ? move : undefined)
  op.note(HoldEvents.EXPIRED, result.expired)
  if (eventName) {
    op.note(eventName, result.changed)
  }
  const holds: HoldRow[] = result.holds.map(holdRow)
  const order = new Map(holdIds.map((id, i) => [id, i]))
  holds.sort((a, b) => order.get(a.id)! - order.get(b.id)!)
  return { holds, changed_ids: result.changed, expired_ids: result.expired }
}

/** active → confirmed for holds that have not passed expires_at; others are left as they are. */
export async function confirmHolds(op: Op, ids: unknown, orderId: string | null = null) {
  return await transition(op, ids, { kind: "confirm", order_id: orderId }, HoldEvents.CONFIRMED)
}

/** confirmed → active for holds a failed checkout confirmed and no order claimed. */
export async function unconfirmHolds(op: Op, ids: unknown) {
  return await transition(op, ids, { kind: "unconfirm" }, HoldEvents.UNCONFIRMED)
}

/**
 * active → released. Lenient by default (a hold already finished is left as
 * it is, so compensations can repeat it); `strict` refuses, changing
 * nothing, when a hold is confirmed, expired or canceled, which is what a
 * person asking to release one hold needs to hear (worded in refusals.ts).
 */
export async function releaseHolds(op: Op, ids: unknown, strict = false) {
  return await transition(op, ids, { kind: strict ? "release_strict" : "release" }, HoldEvents.RELEASED)
}

/** confirmed → canceled, giving the quantity back; repeating it is a no-op. */
export async function cancelHolds(op: Op, ids: unknown) {
  return await transition(op, ids, { kind: "cancel" }, HoldEvents.CANCELED)
}

/** An order was canceled: its confirmed holds become canceled, exactly once. */
export async function cancelOrderHolds(op: Op, orderId: unknown): Promise<string[]> {
  const order = assertId(orderId, "order_id")
  // Under the order's lock: a change of the order running now (syncOrderHolds) finishes first, and its holds are read here.
  await lockOrder(op, order)
  const found: { id: string }[] = await op.em.execute(SQL.CONFIRMED_HOLD_KEYS_FOR_ORDER, [order])
  return found.length ? (await cancelHolds(op, found.map((h) => h.id))).changed_ids : []
}

/** Moves an active, unexpired hold's expiry later; by default by the plugin's TTL. */
export async function extendHold(op: Op, id: unknown, minutes?: number): Promise<HoldRow> {
  const by = assertInt(minutes ?? op.options.holdTtlMinutes, "minutes", 1, MAX_HOLD_TTL_MINUTES)
  const cap = op.options.maxHoldMinutes
  // A refusal (past the cap, lapsed, not active) comes worded from refusals.ts.
  return (await transition(op, [id], { kind: "extend", minutes: by, cap })).holds[0]
}

/** Undoes an extension: an active hold's expiry goes back to an earlier time. */
export async function restoreHoldExpiry(op: Op, id: unknown, expiresAt: Date | string): Promise<void> {
  const when = new Date(expiresAt)
  if (Number.isNaN(when.getTime())) {
    invalid(`expires_at must be a date, got ${json(expiresAt)}`)
  }
  await transition(op, [id], { kind: "shorten", until: when.toISOString() })
}

/**
 * Writes each order's id on the holds its checkout confirmed (by cart):
 * checkout confirms them before Medusa creates the order (docs/commerce.md).
 * Idempotent; returns the holds it bound.
 */
export async function bindOrderHolds(op: Op, pairs: { cart_id: string; order_id: string }[]): Promise<string[]> {
  const checked = pairs.map((p, i) => ({
    cart_id: assertId(p?.cart_id, `pairs[${i}].cart_id`),
    order_id: assertId(p?.order_id, `pairs[${i}].order_id`),
  }))
  if (!checked.length) {
    return []
  }
  const rows: { id: string }[] = await op.em.execute(SQL.BIND_ORDER_HOLDS, [json(checked)])
  return rows.map((r) => r.id)
}

/** Carts with confirmed holds that no order has claimed yet, at most `limit`. */
export async function unboundCheckoutCarts(op: Op, limit = 1000): Promise<string[]> {
  const rows: { cart_id: string }[] = await op.em.execute(SQL.UNBOUND_CHECKOUT_CARTS, [limit])
  return rows.map((r) => r.cart_id)
}
