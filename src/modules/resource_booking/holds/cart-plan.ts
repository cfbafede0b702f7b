import { sameKey } from "../keys"
import type { BookingLine, HoldRow, SyncMode } from "../types"

/** A hold of the cart as the planner needs it (read under the keys' locks). */
export type CartHold = Pick<HoldRow, "id" | "resource_id" | "date" | "slot" | "quantity" | "status" | "line_item_id">

export type CartHoldsPlan = {
  release: string[]
  create: BookingLine[]
  bind: { id: string; line_item_id: string }[]
}

/**
 * What to change so that each booking line is covered by exactly one active
 * hold of its key and quantity (the table in docs/commerce.md). A resize is
 * a release and a new hold in the same transaction, so the capacity check is
 * the one hold creation does. Pure: `holds` is every hold of the cart,
 * newest first.
 */
export function planCartHolds(lines: BookingLine[], holds: CartHold[], mode: SyncMode): CartHoldsPlan {
  const plan: CartHoldsPlan = { release: [], create: [], bind: [] }
  const lineIds = new Set(lines.map((l) => l.line_item_id))
  const adopted = new Set<string>()

  for (const line of lines) {
    const mine = holds.filter((h) => h.line_item_id === line.line_item_id)
    if (mine.some((h) => h.status === "confirmed")) {
      continue // booked by an order already (a cart completed before)
    }
    const active = mine.filter((h) => h.status === "active")
    if (active.length === 1 && sameKey(active[0], line) && active[0].quantity === line.quantity) {
      continue
    }
    plan.release.push(...active.map((h) => h.id))
    if (active.length === 0) {
      // A hold made for this cart through the holds API, before the line
      // existed, of the same key: the line adopts it whatever its quantity
      // (another quantity is given back and taken anew, in this transaction).
      const unbound = holds.find(
        (h) => h.status === "active" && h.line_item_id === null && !adopted.has(h.id) && sameKey(h, line)
      )
      if (unbound) {
        adopted.add(unbound.id)
        if (unbound.quantity === line.quantity) {
          plan.bind.push({ id: unbound.id, line_item_id: line.line_item_id })
        } else {
          plan.release.push(unbound.id)
          plan.create.push(line)
        }
        continue
      }
      const last = mine[0]
      if (mode === "follow" && last && sameKey(last, line) && last.quantity === line.quantity) {
        continue // lapsed, and the line did not change: checkout re-acquires it
      }
    }
    plan.create.push(line)
  }

  for (const h of holds) {
    if (h.status !== "active" || adopted.has(h.id)) {
      continue
    }
    const orphan = h.line_item_id === null ? mode === "checkout" : !lineIds.has(h.line_item_id)
    if (orphan) {
      plan.release.push(h.id)
    }
  }
  return plan
}
