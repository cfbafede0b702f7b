export * from "./steps/read-order-change"
export * from "./steps/sync-order-bookings"
export * from "./workflows/draft-orders"
export * from "./workflows/order-edits"
