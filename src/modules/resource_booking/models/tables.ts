// The module's tables, named once for the models and for the raw SQL beside
// the operations.
export const T_RESOURCE = "booking_resource"
export const T_CAPACITY = "booking_capacity"
export const T_HOLD = "booking_hold"
export const T_RUN = "booking_cleanup_run"
