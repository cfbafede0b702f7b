import { invalid, notAllowed, notFound } from "../errors"
import { HoldEvents } from "../events"
import { uniqueKeys } from "../keys"
import { lockAndExpire } from "../locks"
import { json, type Op } from "../op"
import type { HoldRow, Key, TransitionResult } from "../types"
import { MAX_HOLD_TTL_MINUTES } from "../utils/limits"
import { assertId, assertIds, assertInt } from "../utils/validate"
import * as SQL from "./sql"

// Moves of existing holds between statuses (docs/design.md §1). Each is
// conditional on the current status, so repeating one changes nothing and
// two racing ones cannot both win.

/**
 * The shape every transition shares: find the holds' keys, lock them in
 * order, expire what is overdue, then `apply` (which returns the ids it
 * moved) and read the holds as they now are.
 */
async function transition(
  op: Op,
  ids: unknown,
  apply: (holdIds: string[]) => Promise<string[]>
): Promise<TransitionResult> {
  const holdIds = assertIds(ids, "ids")
  const found: (Key & { id: string })[] = await op.em.execute(SQL.HOLD_KEYS_BY_IDS, [json(holdIds)])
  if (found.length !== holdIds.length) {
    const known = new Set(found.map((h) => h.id))
    notFound(`Hold(s) not found: ${holdIds.filter((id) => !known.has(id)).slice(0, 10).join(", ")}`)
  }
  const expired = await lockAndExpire(op, uniqueKeys(found))
  const changed = await apply(holdIds)
  const holds: HoldRow[] = await op.em.execute(SQL.HOLDS_BY_IDS, [json(holdIds)])
  const order = new Map(holdIds.map((id, i) => [id, i]))
  holds.sort((a, b) => order.get(a.id)! - order.get(b.id)!)
  return { holds, changed_ids: changed, expired_ids: expired.map((e) => e.id) }
}

/** The ids a status-changing statement returned, its event noted. */
async function moved(op: Op, eventName: string, statement: Promise<{ id: string }[]>): Promise<string[]> {
  const ids = (await statement).map((r) => r.id)
  op.note(eventName, ids)
  return ids
}

/** active → confirmed for holds that have not passed expires_at; others are left as they are. */
export async function confirmHolds(op: Op, ids: unknown, orderId: string | null = null) {
  return await transition(op, ids, (holdIds) =>
    moved(op, HoldEvents.CONFIRMED, op.em.execute(SQL.CONFIRM_HOLDS, [orderId, json(holdIds)]))
  )
}

/** confirmed → active for holds a failed checkout confirmed and no order claimed. */
export async function unconfirmHolds(op: Op, ids: unknown) {
  return await transition(op, ids, (holdIds) =>
    moved(op, HoldEvents.UNCONFIRMED, op.em.execute(SQL.UNCONFIRM_HOLDS, [json(holdIds)]))
  )
}

/**
 * active → released. Lenient by default (a hold already finished is left as
 * it is, so compensations can repeat it); `strict` refuses, changing
 * nothing, when a hold is confirmed, expired or canceled, which is what a
 * person asking to release one hold needs to hear.
 */
export async function releaseHolds(op: Op, ids: unknown, strict = false) {
  const result = await transition(op, ids, (holdIds) =>
    moved(op, HoldEvents.RELEASED, op.em.execute(SQL.RELEASE_HOLDS, [json(holdIds)]))
  )
  const finished = strict ? result.holds.find((h) => h.status !== "released") : undefined
  if (finished) {
    notAllowed(
      finished.status === "expired"
        ? `Hold ${finished.id} expired at ${new Date(finished.expires_at).toISOString()}; its capacity is already back`
        : `Hold ${finished.id} is ${finished.status}; only active holds can be released`
    )
  }
  return result
}

/** confirmed → canceled, giving the quantity back; repeating it is a no-op. */
export async function cancelHolds(op: Op, ids: unknown) {
  return await transition(op, ids, (holdIds) =>
    moved(op, HoldEvents.CANCELED, op.em.execute(SQL.CANCEL_HOLDS, [json(holdIds)]))
  )
}

/** An order was canceled: its confirmed holds become canceled, exactly once. */
export async function cancelOrderHolds(op: Op, orderId: unknown): Promise<string[]> {
  const found: { id: string }[] = await op.em.execute(SQL.CONFIRMED_HOLD_KEYS_FOR_ORDER, [
    assertId(orderId, "order_id"),
  ])
  return found.length ? (await cancelHolds(op, found.map((h) => h.id))).changed_ids : []
}

/** Moves an active, unexpired hold's expiry later; by default by the plugin's TTL. */
export async function extendHold(op: Op, id: unknown, minutes?: number): Promise<HoldRow> {
  const by = assertInt(minutes ?? op.options.holdTtlMinutes, "minutes", 1, MAX_HOLD_TTL_MINUTES)
  let extended: HoldRow | undefined
  const cap = op.options.maxHoldMinutes
  const result = await transition(op, [id], async ([holdId]) => {
    const rows: HoldRow[] = await op.em.execute(SQL.EXTEND_HOLD, [by, holdId, by, cap])
    extended = rows[0]
    return extended ? [holdId] : []
  })
  if (!extended) {
    const hold = result.holds[0]
    if (hold.status === "active" && new Date(hold.expires_at) > new Date()) {
      const [limit] = await op.em.execute(SQL.HOLD_CAP, [cap, cap, hold.id])
      notAllowed(
        `Hold ${hold.id} cannot be extended by ${by} minutes: a hold lasts at most ${limit.max_hold} minutes from its cart's first hold on that day (maxHoldMinutes), until ${new Date(limit.cap).toISOString()}`
      )
    }
    notAllowed(
      hold.status === "expired" || hold.status === "active"
        ? `Hold ${hold.id} expired at ${new Date(hold.expires_at).toISOString()} and cannot be extended`
        : `Hold ${hold.id} is ${hold.status}; only active holds can be extended`
    )
  }
  return extended
}

/** Undoes an extension: an active hold's expiry goes back to an earlier time. */
export async function restoreHoldExpiry(op: Op, id: unknown, expiresAt: Date | string): Promise<void> {
  const when = new Date(expiresAt)
  if (Number.isNaN(when.getTime())) {
    invalid(`expires_at must be a date, got ${json(expiresAt)}`)
  }
  await transition(op, [id], async ([holdId]) => {
    const rows: { id: string }[] = await op.em.execute(SQL.SHORTEN_HOLD, [when.toISOString(), holdId, when.toISOString()])
    return rows.map((r) => r.id)
  })
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
