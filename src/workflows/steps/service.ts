import type { MedusaContainer } from "@medusajs/framework/types"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import type ResourceBookingModuleService from "../../modules/resource_booking/service"

export const bookingService = (container: MedusaContainer) =>
  container.resolve<ResourceBookingModuleService>(RESOURCE_BOOKING_MODULE)
