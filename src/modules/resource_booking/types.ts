import type { InferTypeOf } from "@medusajs/framework/types"
import type { Capacity, Hold, Resource } from "./models"

/**
 * A model's columns, as a row of its table has them: without its relations (a
 * row has `resource_id`, not `resource`) and without the `raw_` twins Medusa's
 * inferred type gives a nullable number (no such column exists).
 */
type Columns<T, Relations extends keyof T> = {
  [K in keyof T as K extends Relations | `raw_${string}` ? never : K]: T[K]
}

export type ResourceRow = Columns<InferTypeOf<typeof Resource>, "capacities" | "holds">
export type HoldRow = Columns<InferTypeOf<typeof Hold>, "resource">
export type CapacityRow = Columns<InferTypeOf<typeof Capacity>, "resource">

/** What an operator may set on a resource. */
export type ResourceFields = Pick<
  ResourceRow,
  | "title"
  | "handle"
  | "description"
  | "is_active"
  | "hold_ttl_minutes"
  | "max_hold_minutes"
  | "slots"
  | "time_zone"
  | "cutoff_minutes"
  | "booking_horizon_days"
  | "min_nights"
  | "max_nights"
  | "metadata"
>

/**
 * The unit of capacity, of holds and of locking: one resource on one day, in
 * one slot ("" for a resource booked by the whole day).
 */
export type Key = Pick<HoldRow, "resource_id" | "date" | "slot">

/** One (day, slot) of a resource as availability and the calendar show it. */
export type CapacityDay = Pick<CapacityRow, "date" | "slot" | "max_capacity" | "available_capacity">

/** A day or slot as the storefront sees it: when it starts (ISO 8601 with its zone's offset) and whether it sells now. */
export type AvailabilityDay = CapacityDay & {
  /** The slot's start, or the whole day's; in the resource's time zone. */
  starts_at: string
  /** Its sale is open (not past, before the cut-off, a start that exists) and a place is free. */
  bookable: boolean
  /** Asked with `nights` (a resource sold by the stay): the stay from `date` ends on this day (check-out), after `nights` nights. */
  end_date?: string
  nights?: number
}

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

/** Who ran a sweep: the built-in job, an operator (admin API), or the shell command (src/scripts/sweep.ts). */
export type CleanupTrigger = "schedule" | "manual" | "cli"

export type CleanupInput = {
  batchSize?: number
  dryRun?: boolean
  trigger?: CleanupTrigger
}

export type CleanupResult = {
  run_id: string
  expired_count: number
  capacity_restored: number
  duration_ms: number
  batches: number
  dry_run: boolean
  error: string | null
  /** Ids of the holds this run expired (empty on a dry run). */
  expired_ids: string[]
  /** Retention: finished holds and old cleanup runs deleted (on a dry run: that would be). */
  deleted_holds: number
  deleted_runs: number
}

/** A sweep's record (a cleanup_run row), times as ISO strings. */
export type CleanupRunRecord = {
  id: string
  started_at: string
  finished_at: string | null
  duration_ms: number | null
  trigger: CleanupTrigger
  dry_run: boolean
  expired_count: number
  capacity_restored: number
  batches: number
  deleted_holds: number
  deleted_runs: number
  /** Orders the unpaid-order step canceled in this run (on a dry run: would have). */
  unpaid_canceled: number
  error: string | null
}

export type HealthStatus = "healthy" | "degraded" | "unhealthy"

export type HealthReport = {
  status: HealthStatus
  timestamp: string
  warnings: string[]
  holds: { active: number; confirmed: number; released: number; expired: number; canceled: number; total: number }
  cleanup_job: {
    overdue_holds: number
    status: "ok" | "pending" | "degraded" | "error" | "stale" | "unknown"
    message: string
    schedule: string
    last_run: CleanupRunRecord | null
    next_run: string | null
    /**
     * Orders with bookings past unpaidOrderTimeoutMinutes by more than a cleanup
     * period that the unpaid-order step has not judged yet; null when it is off.
     */
    orders_past_payment_timeout: number | null
  }
  resources: { active_count: number; total_capacity_records: number }
  /** The books audit's settled mismatches (GET /admin/resource-booking/audit lists them); null where it cannot run. */
  audit: { uncovered_lines: number; orphaned_holds: number } | null
  capacity: {
    total_max: number
    total_available: number
    total_reserved: number
    utilization_percent: number
  }
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

/** One (order, resource, day, slot) whose booking lines and confirmed holds differ. */
export type AuditRow = {
  order_id: string | null
  display_id: number | null
  resource_id: string
  date: string | null
  slot: string
  /** What the order's confirmed holds hold there. */
  booked: number
  /** What its live booking lines book there (ordered minus returned). */
  ordered: number
  lines: { line_item_id: string; title: string; quantity: number }[]
  hold_ids: string[]
  reason: string
  /** False while the mismatch is younger than the grace window (a release after commit may still come). */
  settled: boolean
}

export type AuditReport = {
  /** False where Medusa's order tables are not in the database (a module-only test database). */
  available: boolean
  /** Booking lines more than their confirmed holds cover. */
  uncovered: AuditRow[]
  /** Confirmed holds more than any live line books (or of no live order). */
  orphaned: AuditRow[]
}
