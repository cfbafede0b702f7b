import { sameKey } from "../keys"
import type { BookingLine, HoldRow, SyncMode } from "../types"

/** A hold of the cart as the planner needs it (read under the keys' locks). */
export type CartHold = Pick<HoldRow, "id" | "resource_id" | "date" | "slot" | "quantity" | "status" | "line_item_id"> & {
  created_at?: Date | string | null
}

export type CartHoldsPlan = {
  release: string[]
  create: BookingLine[]
  bind: { id: string; line_item_id: string }[]
}

/**
 * What to change so that each booking line is covered by exactly one active
 * hold per night (one night, but for a stay) of its key and quantity (the
 * table in docs/commerce.md). A line is planned whole: when any of its nights
 * changed, all its holds are released and its nights taken anew in the same
 * transaction, so a stay is re-held all or nothing and the capacity check is
 * the one hold creation does. Pure: `lines` has one entry per night, `holds`
 * is every hold of the cart, newest first.
 */
export function planCartHolds(lines: BookingLine[], holds: CartHold[], mode: SyncMode): CartHoldsPlan {
  const plan: CartHoldsPlan = { release: [], create: [], bind: [] }
  const byLine = new Map<string, BookingLine[]>()
  for (const line of lines) {
    byLine.set(line.line_item_id, [...(byLine.get(line.line_item_id) ?? []), line])
  }
  const adopted = new Set<string>()

  for (const [lineId, nights] of byLine) {
    const mine = holds.filter((h) => h.line_item_id === lineId)
    if (mine.some((h) => h.status === "confirmed")) {
      continue // booked by an order already (a cart completed before)
    }
    const active = mine.filter((h) => h.status === "active")
    if (covers(active, nights)) {
      continue
    }
    plan.release.push(...active.map((h) => h.id))
    if (active.length === 0) {
      // Holds made for this cart through the holds API, before the line
      // existed, of the line's keys: the line adopts them whatever their
      // quantity (another quantity is given back and taken anew, in this
      // transaction); nights without one are taken.
      const unbound = nights.map((night) => {
        const found = holds.find((h) => h.status === "active" && h.line_item_id === null && !adopted.has(h.id) && sameKey(h, night))
        found && adopted.add(found.id)
        return found
      })
      if (unbound.some(Boolean)) {
        nights.forEach((night, i) => {
          const found = unbound[i]
          if (found && found.quantity === night.quantity) {
            plan.bind.push({ id: found.id, line_item_id: lineId })
          } else {
            found && plan.release.push(found.id)
            plan.create.push(night)
          }
        })
        continue
      }
      if (mode === "follow" && covers(lastTaken(mine), nights)) {
        continue // lapsed, and the line did not change: checkout re-acquires it
      }
    }
    plan.create.push(...nights)
  }

  for (const h of holds) {
    if (h.status !== "active" || adopted.has(h.id)) {
      continue
    }
    const orphan = h.line_item_id === null ? mode === "checkout" : !byLine.has(h.line_item_id)
    if (orphan) {
      plan.release.push(h.id)
    }
  }
  return plan
}

/** Whether `holds` are exactly one per night, each of the night's key and quantity. */
const covers = (holds: CartHold[], nights: BookingLine[]) =>
  holds.length === nights.length && nights.every((n) => holds.some((h) => sameKey(h, n) && h.quantity === n.quantity))

/** The holds a line took last (newest first in, one transaction's: the same created_at). */
function lastTaken(mine: CartHold[]): CartHold[] {
  if (!mine.length) {
    return []
  }
  const at = (h: CartHold) => (h.created_at ? new Date(h.created_at).getTime() : NaN)
  const newest = at(mine[0])
  return Number.isNaN(newest) ? [mine[0]] : mine.filter((h) => at(h) === newest)
}
