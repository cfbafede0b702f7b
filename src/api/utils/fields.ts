import type { HoldRow, ResourceRow } from "../../modules/resource_booking"

// The columns a route reads through query.graph by default and the ones its
// `fields` may name; `order` takes the sortable ones. The soft-delete column is
// left out of the defaults, as the routes that write show none.

export const RESOURCE_FIELDS = [
  "id",
  "title",
  "handle",
  "description",
  "is_active",
  "hold_ttl_minutes",
  "max_hold_minutes",
  "slots",
  "time_zone",
  "cutoff_minutes",
  "booking_horizon_days",
  "min_nights",
  "max_nights",
  "metadata",
  "created_at",
  "updated_at",
] as const satisfies readonly (keyof ResourceRow)[]
export const RESOURCE_ORDER = ["title", "handle", "created_at"] as const satisfies readonly (keyof ResourceRow)[]

export const HOLD_FIELDS = [
  "id",
  "resource_id",
  "date",
  "slot",
  "quantity",
  "status",
  "expires_at",
  "cart_id",
  "line_item_id",
  "customer_id",
  "order_id",
  "confirmed_at",
  "released_at",
  "expired_at",
  "canceled_at",
  "metadata",
  "created_at",
  "updated_at",
] as const satisfies readonly (keyof HoldRow)[]
export const HOLD_ORDER = ["created_at", "date", "expires_at"] as const satisfies readonly (keyof HoldRow)[]

/** The resource a hold books, as the admin's holds list names it. */
export const HOLD_RESOURCE_FIELDS = ["resource.id", "resource.title"]

/** What a list may add with `fields=+resource.slots` (the order widget, to reschedule a departure). */
export const HOLD_RESOURCE_EXTRA_FIELDS = ["resource.slots"]
