// A row of each of the module's tables, and the key everything is counted by.
import type { InferTypeOf } from "@medusajs/framework/types"
import type { Capacity, Hold, Resource } from "../models"

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
