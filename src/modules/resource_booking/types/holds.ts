// What the hold operations take and give back: placing, transitions, carts and orders.
import type { HoldRow } from "./rows"

/** One thing to hold: `quantity` of a resource on a day, in one of its slots ("" or absent: the whole day). */
export type HoldItemInput = Pick<HoldRow, "resource_id" | "date" | "quantity"> & { slot?: string }

export type CreateHoldsOptions = {
  /**
   * Whether a cart's holds obey the cap on their life (maxHoldMinutes from
   * the cart's first hold on the key) and on its quantity (maxQuantityPerCart).
   * On by default; checkout, which confirms what it takes at once, turns it off.
   */
  capped?: boolean
  /** The order (and change of it) these holds book for; with lines, each item's `line_item_id`. */
  order_id?: string | null
  order_change_id?: string | null
  /**
   * Whether the resource's cut-off applies (on by default: the storefront's
   * paths). An operator's bookings (drafts, order edits, exchanges,
   * reschedule) may book until the start; a day or slot that has started or
   * a start the clocks skip is refused either way.
   */
  cutoff?: boolean
  /** Overrides the resource's and the plugin's TTL for these holds. */
  ttlMinutes?: number
  cart_id?: string | null
  customer_id?: string | null
  metadata?: Record<string, unknown> | null
}

/** What a hold transition did: the holds as they are now, and which ones moved. */
export type TransitionResult = {
  holds: HoldRow[]
  /** Holds this call moved to the target status. */
  changed_ids: string[]
  /** Holds found overdue on the way and expired (lazy expiry). */
  expired_ids: string[]
}

/** A cart line item that books capacity: what its holds must cover. The slot is "" for a whole-day resource. */
export type BookingLine = Pick<HoldRow, "resource_id" | "date" | "slot" | "quantity"> & { line_item_id: string }

/**
 * `follow`: the cart changed (add, update, remove); lines whose holds simply
 * lapsed are left for checkout, so that changing one line never fails on
 * another. `checkout`: every line must end up covered.
 */
export type SyncMode = "follow" | "checkout"

export type SyncCartHoldsOptions = {
  mode?: SyncMode
  /** Checkout: every line must be covered, and the holds are confirmed. */
  confirm?: boolean
  /** The order they are confirmed for, when it exists already (implies `confirm`). */
  order_id?: string | null
  customer_id?: string | null
}

export type SyncCartHoldsResult = { created: HoldRow[]; released: string[]; confirmed: string[] }

/**
 * What an order's holds must be made to match (docs/commerce.md, order paths):
 * `lines` with their quantity now, each `line_item_id` an order line item.
 */
export type OrderHoldsTarget = {
  lines: BookingLine[]
  /** What the holds kept and made end up as: `confirmed` for a live order, `active` for a draft. */
  status: "active" | "confirmed"
  /** `change`: only the holds of `change_id` (an edit in progress); `order`: all of the order's. */
  scope: "order" | "change"
  /** The order change new holds are taken for. */
  change_id?: string | null
  /** Only these lines may take capacity; others only keep or give back what they have. */
  take_lines?: string[]
  /** Holds to give back before others on their key (the booking an operator moves). */
  give_back_first?: string[]
  /** A reschedule: what is given back and what is taken are linked in their metadata, and `rescheduled` is emitted. */
  reschedule?: boolean
  customer_id?: string | null
}

export type OrderHoldsResult = {
  created: string[]
  confirmed: string[]
  released: string[]
  canceled: string[]
}
