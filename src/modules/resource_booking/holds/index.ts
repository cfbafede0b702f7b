// Holds: placing them, their transitions, and a cart's holds following its lines.
export * from "./place"
export { PlaceBatcher } from "./place-batch"
export * from "./transitions"
export * from "./cart-sync"
export * from "./order-sync"
export { planCartHolds, type CartHold, type CartHoldsPlan } from "./cart-plan"
