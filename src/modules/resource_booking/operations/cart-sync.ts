import { HoldEvents } from "../events"
import type { HoldRow } from "../types"
import { planCartHolds, type BookingLine, type CartHold, type SyncMode } from "../utils/cart-holds"
import * as SQL from "../utils/sql"
import { assertId } from "../utils/validate"
import { json, lockAndExpire, notAllowed, onKey, uniqueKeys, validateItems, type Op } from "./context"
import { insertHolds } from "./holds"

export type SyncCartHoldsOptions = {
  mode?: SyncMode
  /** Checkout: every line must be covered, and the holds are confirmed for this order. */
  order_id?: string | null
  customer_id?: string | null
}

export type SyncCartHoldsResult = { created: HoldRow[]; released: string[]; confirmed: string[] }

/**
 * Makes a cart's holds match its booking lines (docs/commerce.md), in one
 * transaction under the locks of every key involved: the lines' and those of
 * the cart's active holds.
 */
export async function syncCartHolds(
  op: Op,
  cartId: unknown,
  lines: BookingLine[],
  options: SyncCartHoldsOptions = {}
): Promise<SyncCartHoldsResult> {
  const cart = assertId(cartId, "cart_id")
  const mode: SyncMode = options.order_id ? "checkout" : options.mode ?? "follow"
  const checked = lines.length
    ? validateItems(lines).map((item, i) => ({
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
    ? await insertHolds(op, plan.create, { cart_id: cart, customer_id: options.customer_id ?? null })
    : []
  if (plan.bind.length) {
    await op.em.execute(SQL.BIND_HOLDS, [json(plan.bind)])
  }
  const confirmed = options.order_id ? await confirmCovering(op, cart, options.order_id) : []
  return { created, released, confirmed }
}

/** Confirms every active hold of the cart that covers a line, for the order. */
async function confirmCovering(op: Op, cartId: string, orderId: string): Promise<string[]> {
  const covering = (await op.em.execute(SQL.CART_HOLDS, [cartId]) as CartHold[]).filter(
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
