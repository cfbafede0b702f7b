// From the module's types file, not its index: the admin bundle type-checks
// this file, and the index would bring in the service and its decorators.
import type { AuditReport, AvailabilityDay, CapacityDay, HealthReport, HoldRow, ResourceRow, ScheduleRule, UncutDay } from "../modules/resource_booking"

// What the routes answer, from the row types inferred from the models. The
// admin imports these (types only); over JSON a Date arrives as a string.

type Json<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T

type Page = { count: number; offset: number; limit: number }

/** A resource with the ids of the product variants that book it (with the default fields). */
export type AdminResource = Json<Omit<ResourceRow, "deleted_at">> & { variant_ids: string[] }

/** A hold as the store routes answer it (with the default fields). */
export type StoreHold = Json<Omit<HoldRow, "deleted_at">>

/** A hold with the id and title of the resource it books (with the default fields). */
export type AdminHold = StoreHold & { resource: (Pick<ResourceRow, "id" | "title"> & { slots?: string[] }) | null }

export type AdminResourceResponse = { resource: AdminResource }
export type AdminResourceListResponse = Page & { resources: AdminResource[] }
export type AdminHoldListResponse = Page & { holds: AdminHold[] }
export type StoreHoldListResponse = Page & { holds: StoreHold[] }
export type CapacityResponse = { capacity: (CapacityDay & { is_exception: boolean })[] }
export type AvailabilityResponse = { availability: AvailabilityDay[] }
export type HealthResponse = HealthReport
export type AuditResponse = AuditReport

export type { AuditReport, AvailabilityDay, CapacityDay, HealthReport }

/** GET/POST /admin/resource-booking/resources/:id/schedule. */
export type ScheduleView = {
  resource_id: string
  rules: ScheduleRule[]
  time_zone?: string | null
  cutoff_minutes?: number | null
  booking_horizon_days?: number
  /** The last day the schedule is written out to. */
  expanded_until: string | null
  /** The first day from the resource's today that has capacity (where the calendar opens). */
  first_day?: string | null
}
export type ScheduleResponse = { schedule: ScheduleView }
export type SetScheduleResponse = ScheduleResponse & { written: number; removed: number; uncut: UncutDay[] }
export type FollowScheduleResponse = { followed: { date: string; slot: string }[]; written: number; removed: number; uncut: UncutDay[] }
