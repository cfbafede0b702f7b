// The plugin's workflows and steps (medusa-resource-booking/workflows). The
// handlers of Medusa's own hooks are in hooks/ and load with the plugin.
export { HoldEvents, type HoldEventData, type HoldEventName } from "../modules/resource_booking"
export * from "./capacity"
export * from "./holds"
export * from "./orders"
export * from "./resources"
export * from "./schedule"
export * from "./sweep"
export { bindCheckoutOrders } from "./carts/utils/bind-checkout-orders"
export { readCartBookings } from "./carts/utils/read-cart-bookings"
export { stayPrice, type PricingContext, type StayPrice } from "./bookings/utils/stay-price"
export { bookingLinesOf, bookedDays, BOOKING_DATE_KEY, BOOKING_END_DATE_KEY, BOOKING_SLOT_KEY, type BookableItem } from "./bookings/utils/booking-lines"
export { sharedHooks, SharedHook, type SharedHookHandler } from "./hooks/shared-hooks"
