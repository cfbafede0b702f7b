// From the module's types file, not its index: the admin bundle type-checks
// this file, and the index would bring in the service and its decorators.
import type { AuditReport, CapacityDay, HealthReport, HoldRow, ResourceRow } from "../modules/resource_booking/types"

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
export type CapacityResponse = { capacity: CapacityDay[] }
export type HealthResponse = HealthReport
export type AuditResponse = AuditReport

export type { AuditReport, CapacityDay, HealthReport }
