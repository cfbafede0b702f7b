import { MedusaError } from "@medusajs/framework/utils"
import { HoldEvents } from "../events"
import { uniqueKeys } from "../keys"
import { lockParameters } from "../locks"
import { json, type Op } from "../op"
import type { BookingLine, SyncCartHoldsOptions, SyncCartHoldsResult, SyncMode } from "../types"
import { MAX_SYNC_ITEMS } from "../utils/limits"
import { assertId } from "../utils/validate"
import { planCartHolds, type CartHold } from "./cart-plan"
import { holdRequest, holdRow, validateItems } from "./place"
import { callFunction } from "./refusals"
import * as SQL from "./sql"

/** How often a cart's sync plans again when the cart's holds changed between its read and its locks. */
const SYNC_ATTEMPTS = 5

/**
 * Makes a cart's holds match its booking lines (docs/commerce.md), under the
 * locks of every key involved: the lines' and those of the cart's active
 * holds. At checkout (`confirm`) it also confirms them. The plan is made from
 * the cart's holds read before the locks (lazy expiry foreseen), and applied
 * by one call of the sync function (holds/functions.ts), which applies it
 * only if the cart's live holds are still those (else this plans again).
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
  for (let attempt = 0; attempt < SYNC_ATTEMPTS; attempt++) {
    const read: (CartHold & { overdue: boolean })[] = await op.em.execute(SQL.CART_HOLDS, [cart])
    const keys = uniqueKeys([...checked, ...read.filter((h) => h.status === "active")])
    if (!keys.length) {
      return { created: [], released: [], confirmed: [] }
    }
    // What the locks will find: lazy expiry moves every overdue active hold.
    const holds = read.map((h) => (h.status === "active" && h.overdue ? { ...h, status: "expired" as const } : h))
    const plan = planCartHolds(checked, holds, mode)
    const expected = holds
      .filter((h) => h.status === "active" || h.status === "confirmed")
      .map(({ id, status, quantity, line_item_id }) => ({ id, status, quantity, line_item_id }))
    const { request, extra } = holdRequest(op, plan.create, { cart_id: cart, customer_id: options.customer_id ?? null, capped: !confirm })
    const result = await callFunction(op, SQL.SYNC_CART_HOLDS_CALL, [
      ...lockParameters(keys),
      json(expected),
      json(plan.release),
      ...request,
      ...extra,
      json(plan.bind),
      confirm,
      options.order_id ?? null,
    ])
    op.note(HoldEvents.EXPIRED, result.expired)
    if (result.stale) {
      continue
    }
    op.note(HoldEvents.RELEASED, result.released)
    const created = result.created.map(holdRow)
    op.note(HoldEvents.CREATED, created.map((h: { id: string }) => h.id))
    op.note(HoldEvents.CONFIRMED, result.confirmed)
    return { created, released: result.released, confirmed: result.confirmed }
  }
  throw new MedusaError(
    MedusaError.Types.CONFLICT,
    `The holds of cart ${cart} kept changing while they were being updated; please try again`
  )
}

/** Whether a cart holds anything: a cart without bookings can skip the sync. */
export async function cartHasActiveHolds(op: Op, cartId: unknown): Promise<boolean> {
  const [{ found }] = await op.em.execute(SQL.CART_HAS_ACTIVE_HOLD, [assertId(cartId, "cart_id")])
  return found
}
