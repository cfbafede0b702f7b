import { notAllowed } from "../errors"
import { HoldEvents } from "../events"
import { onKey, uniqueKeys } from "../keys"
import { lockAndExpire } from "../locks"
import { json, type Op } from "../op"
import type { BookingLine, SyncCartHoldsOptions, SyncCartHoldsResult, SyncMode } from "../types"
import { MAX_SYNC_ITEMS } from "../utils/limits"
import { assertId } from "../utils/validate"
import { planCartHolds, type CartHold } from "./cart-plan"
import { insertHolds, validateItems } from "./place"
import * as SQL from "./sql"

/**
 * Makes a cart's holds match its booking lines (docs/commerce.md), in one
 * transaction under the locks of every key involved: the lines' and those of
 * the cart's active holds. At checkout (`confirm`) it also confirms them.
 */
export async function syncCartHolds(
  op: Op,
  cartId: unknown,
  lines: BookingLine[],
  options: SyncCartHoldsOptions = {}
): Promise<SyncCartHoldsResult> {
  const cart = assertId(cartId, "cart_id")
  const confirm = options.confirm === true || !!options.order_id
  const mode: SyncMode = confirm ? "checkout" : options.mode ?? "follow"
  const checked = lines.length
    ? validateItems(lines, MAX_SYNC_ITEMS).map((item, i) => ({
        ...item,
        line_item_id: assertId(lines[i].line_item_id, `lines[${i}].line_item_id`),
      }))
    : []
  const before: CartHold[] = await op.em.execute(SQL.CART_HOLDS, [cart])
  const keys = uniqueKeys([...checked, ...before.filter((h) => h.status === "active")])
  if (keys.length) {
    await lockAndExpire(op, keys)
  }
  // Read again under the locks: lazy expiry may have moved some.
  const holds: CartHold[] = keys.length ? await op.em.execute(SQL.CART_HOLDS, [cart]) : before
  const plan = planCartHolds(checked, holds, mode)

  let released: string[] = []
  if (plan.release.length) {
    const rows: { id: string }[] = await op.em.execute(SQL.RELEASE_HOLDS, [json(plan.release)])
    released = rows.map((r) => r.id)
    op.note(HoldEvents.RELEASED, released)
  }
  const created = plan.create.length
    ? await insertHolds(op, plan.create, { cart_id: cart, customer_id: options.customer_id ?? null, capped: !confirm })
    : []
  if (plan.bind.length) {
    await op.em.execute(SQL.BIND_HOLDS, [json(plan.bind)])
  }
  const confirmed = confirm ? await confirmCovering(op, cart, options.order_id ?? null) : []
  return { created, released, confirmed }
}

/** Confirms every active hold of the cart that covers a line, for the order when it is known. */
async function confirmCovering(op: Op, cartId: string, orderId: string | null): Promise<string[]> {
  const covering = ((await op.em.execute(SQL.CART_HOLDS, [cartId])) as CartHold[]).filter(
    (h) => h.status === "active" && h.line_item_id !== null
  )
  if (!covering.length) {
    return []
  }
  const rows: { id: string }[] = await op.em.execute(SQL.CONFIRM_HOLDS, [orderId, json(covering.map((h) => h.id))])
  const confirmed = rows.map((r) => r.id)
  if (confirmed.length !== covering.length) {
    // A TTL ran out between the lock and here: the shopper retries.
    const late = covering.find((h) => !confirmed.includes(h.id))!
    notAllowed(`The hold for resource ${late.resource_id} ${onKey(late)} expired during checkout; please try again`)
  }
  op.note(HoldEvents.CONFIRMED, confirmed)
  return confirmed
}

/** Whether a cart holds anything: a cart without bookings can skip the sync. */
export async function cartHasActiveHolds(op: Op, cartId: unknown): Promise<boolean> {
  const [{ found }] = await op.em.execute(SQL.CART_HAS_ACTIVE_HOLD, [assertId(cartId, "cart_id")])
  return found
}
