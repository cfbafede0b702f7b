import type { MedusaContainer } from "@medusajs/framework/types"
import { Module } from "@medusajs/framework/utils"
import { RESOURCE_BOOKING_MODULE } from "./constants"
import validateOptionsLoader from "./loaders/validate-options"
import ResourceBookingModuleService from "./service"

export default Module(RESOURCE_BOOKING_MODULE, {
  service: ResourceBookingModuleService,
  loaders: [validateOptionsLoader],
})

/** The module's service, as routes, steps, hooks and jobs resolve it. */
export const bookingModule = (container: Pick<MedusaContainer, "resolve">) =>
  container.resolve<ResourceBookingModuleService>(RESOURCE_BOOKING_MODULE)

// The module's public surface: what the plugin's workflows, routes and a
// store's own code may use. Everything else is internal.
export { RESOURCE_BOOKING_MODULE, ResourceBookingModuleService }
export type { ResourceBookingOptions, UnpaidOrderSource, UnpaidPaymentStatus } from "./utils/options"
export { configuredOptions } from "./utils/configured-options"
export * from "./types"
export type { ClosedSale, SaleWindow } from "./time"
export type { Schedule, ScheduleRule, ScheduleResult, UncutDay } from "./schedule"
export { isTimeZone } from "./utils/time-zone"
export { HoldEvents, OrderEvents } from "./events"
export type { HoldEventData, HoldEventName } from "./events"
export { HOLD_STATUSES } from "./models"
export type { HoldStatus } from "./models"
export { invalid, notAllowed, notFound, errorMessage } from "./errors"
export { isCalendarDay } from "./utils/validate"
export { isSlot, slotVerdict } from "./resources/slot-rule"
export { sameKey } from "./keys"
export { addDays, nightsBetween, nightsOf, nightsRange, soldByStay, stayLabel, stayVerdict } from "./stays"
export type { StayResource } from "./stays"
export * from "./utils/limits"
export { wholeNumber } from "./utils/zod"
