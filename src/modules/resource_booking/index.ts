import { Module } from "@medusajs/framework/utils"
import validateOptionsLoader from "./loaders/validate-options"
import ResourceBookingModuleService from "./service"

export const RESOURCE_BOOKING_MODULE = "resource_booking"

export default Module(RESOURCE_BOOKING_MODULE, {
  service: ResourceBookingModuleService,
  loaders: [validateOptionsLoader],
})

export type { ResourceBookingOptions } from "./utils/options"
export * from "./types"
export { HoldEvents } from "./events"
