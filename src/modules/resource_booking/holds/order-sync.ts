import { generateEntityId } from "@medusajs/framework/utils"
import { HoldEvents } from "../events"
import { sameKey, uniqueKeys } from "../keys"
import { lockAndExpire, lockOrder } from "../locks"
import { json, type Op } from "../op"
import type { BookingLine, HoldRow, Key, OrderHoldsResult, OrderHoldsTarget } from "../types"
import { MAX_SYNC_ITEMS } from "../utils/limits"
import { assertId } from "../utils/validate"
import { insertHolds, validateItems } from "./place"
import * as SQL from "./sql"

type OrderHold = Pick<HoldRow, "id" | "resource_id" | "date" | "slot" | "quantity" | "status" | "line_item_id" | "order_change_id">

/** What to do on one key: keep these holds (the last perhaps in part), give back the rest, take what is missing. */
type KeyPlan = {
  keep: OrderHold[]
  /** Holds given back whole, and one given back in part (`quantity` of it). */
  giveBack: OrderHold[]
  split: { hold: OrderHold; quantity: number } | null
  take: BookingLine[]
}

/**
 * Makes an order's holds match its booking lines (docs/commerce.md, "Every
 * order path"), in one transaction under the locks of every key involved:
 * the lines' and those of the holds in scope. Per key, the holds in scope
 * are kept up to what the lines book (confirmed ones first, then those of
 * the same line, oldest first), the rest given back (confirmed → canceled,
 * active → released; a hold given back in part is split first, so the part
 * keeps its own story), and what is still missing is taken, refused like any
 * hold when there is no capacity. What is kept and taken ends up `status`.
 */
export async function syncOrderHolds(op: Op, orderId: unknown, target: OrderHoldsTarget): Promise<OrderHoldsResult> {
  const order = assertId(orderId, "order_id")
  const inScope = (h: OrderHold) => target.scope === "order" || h.order_change_id === (target.change_id ?? null)
  await lockOrder(op, order)
  if (await isCanceled(op, order)) {
    // Canceled while this change ran (Medusa's cancel takes no order lock): it holds nothing, so what is in scope goes back.
    target = { ...target, lines: [], take_lines: [], reschedule: false }
  }
  const lines = target.lines.length
    ? validateItems(target.lines, MAX_SYNC_ITEMS).map((item, i) => ({ ...item, line_item_id: assertId(target.lines[i].line_item_id, `lines[${i}].line_item_id`) }))
    : []
  const before = ((await op.em.execute(SQL.ORDER_HOLDS, [order])) as OrderHold[]).filter(inScope)
  const keys = uniqueKeys([...lines, ...before])
  if (keys.length) {
    await lockAndExpire(op, keys)
  }
  // Read again under the locks: lazy expiry may have moved some.
  const holds = keys.length ? ((await op.em.execute(SQL.ORDER_HOLDS, [order])) as OrderHold[]).filter(inScope) : []
  const plans = keys.map((key) => planKey(key, lines.filter((l) => sameKey(l, key)), holds.filter((h) => sameKey(h, key)), target))

  const result: OrderHoldsResult = { created: [], confirmed: [], released: [], canceled: [] }
  const giveBack = plans.flatMap((p) => p.giveBack)
  for (const { hold, quantity } of plans.flatMap((p) => (p.split ? [p.split] : []))) {
    const [part]: { id: string }[] = await op.em.execute(SQL.SPLIT_HOLD, [quantity, hold.id, quantity, generateEntityId(undefined, "hold"), quantity])
    giveBack.push({ ...hold, id: part.id, quantity })
  }
  const confirmedBack = idsOf(giveBack.filter((h) => h.status === "confirmed"))
  if (confirmedBack.length) {
    result.canceled = idsOf(await op.em.execute(SQL.CANCEL_HOLDS, [json(confirmedBack)]))
    op.note(HoldEvents.CANCELED, result.canceled)
  }
  const activeBack = idsOf(giveBack.filter((h) => h.status === "active"))
  if (activeBack.length) {
    result.released = idsOf(await op.em.execute(SQL.RELEASE_HOLDS, [json(activeBack)]))
    op.note(HoldEvents.RELEASED, result.released)
  }

  const take = plans.flatMap((p) => p.take)
  const created = take.length
    ? await insertHolds(op, take, { order_id: order, order_change_id: target.change_id ?? null, customer_id: target.customer_id ?? null, cutoff: false })
    : []
  result.created = created.map((h) => h.id)
  if (target.reschedule && result.canceled.length && result.created.length) {
    await op.em.execute(SQL.LINK_HOLDS, [
      json([
        ...result.canceled.map((id) => ({ id, link: { rescheduled_to: result.created } })),
        ...result.created.map((id) => ({ id, link: { rescheduled_from: result.canceled } })),
      ]),
    ])
    op.note(HoldEvents.RESCHEDULED, result.created)
  }
  if (target.status === "confirmed") {
    const toConfirm = [...plans.flatMap((p) => p.keep).filter((h) => h.status === "active").map((h) => h.id), ...result.created]
    if (toConfirm.length) {
      const rows: { id: string }[] = await op.em.execute(SQL.CONFIRM_HOLDS, [order, json(toConfirm)])
      result.confirmed = idsOf(rows)
      op.note(HoldEvents.CONFIRMED, result.confirmed)
    }
  }
  return result
}

const idsOf = (rows: { id: string }[]) => rows.map((r) => r.id)

let orderTableReady = false

/** Whether Medusa canceled the order (false where its order table is not in the database). */
export async function isCanceled(op: Op, orderId: string): Promise<boolean> {
  if (!orderTableReady) {
    const [{ ready }]: { ready: boolean }[] = await op.em.execute(SQL.ORDER_TABLE_READY, [])
    if (!ready) {
      return false
    }
    orderTableReady = true
  }
  const [{ canceled }]: { canceled: boolean }[] = await op.em.execute(SQL.ORDER_CANCELED, [orderId])
  return canceled
}

/** One key's plan. Pure. */
function planKey(key: Key, lines: BookingLine[], holds: OrderHold[], target: OrderHoldsTarget): KeyPlan {
  const lineIds = new Set(lines.map((l) => l.line_item_id))
  const first = new Set(target.give_back_first ?? [])
  const rank = (h: OrderHold) =>
    (first.has(h.id) ? 4 : 0) + (h.status === "confirmed" ? 0 : 2) + (lineIds.has(h.line_item_id ?? "") ? 0 : 1)
  const ordered = holds.map((h, i) => ({ h, i })).sort((a, b) => rank(a.h) - rank(b.h) || a.i - b.i).map((x) => x.h)
  const plan: KeyPlan = { keep: [], giveBack: [], split: null, take: [] }
  let open = lines.reduce((sum, l) => sum + l.quantity, 0)
  for (const hold of ordered) {
    if (open >= hold.quantity) {
      plan.keep.push(hold)
      open -= hold.quantity
    } else if (open > 0) {
      plan.keep.push({ ...hold, quantity: open })
      plan.split = { hold, quantity: hold.quantity - open }
      open = 0
    } else {
      plan.giveBack.push(hold)
    }
  }
  if (open > 0) {
    // Take what is missing for the lines whose own holds fall short, as far as they may take.
    const covered = new Map<string, number>()
    for (const h of plan.keep) {
      covered.set(h.line_item_id ?? "", (covered.get(h.line_item_id ?? "") ?? 0) + h.quantity)
    }
    for (const line of lines) {
      const short = Math.min(open, Math.max(0, line.quantity - (covered.get(line.line_item_id) ?? 0)))
      if (short > 0 && (!target.take_lines || target.take_lines.includes(line.line_item_id))) {
        plan.take.push({ ...line, ...key, quantity: short })
        open -= short
      }
    }
  }
  return plan
}
