// The module's tables, named once for the models and for the raw SQL beside
// the operations.
export const T_RESOURCE = "booking_resource"
export const T_CAPACITY = "booking_capacity"
export const T_HOLD = "booking_hold"
export const T_RUN = "booking_cleanup_run"
export const T_ALERT = "booking_alert_state"

/**
 * The link table of src/links/resource-variant.ts, as Medusa names it
 * (composeTableName of the two modules and their keys). Only the audit reads
 * it, beside Medusa's order tables in the same database.
 */
export const T_VARIANT_LINK = "product_product_variant_resource_booking_resource"
