import type { MedusaRequest } from "@medusajs/framework/http"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import type ResourceBookingModuleService from "../../modules/resource_booking/service"
import type { HoldRow } from "../../modules/resource_booking/types"

export const booking = (req: MedusaRequest) =>
  req.scope.resolve<ResourceBookingModuleService>(RESOURCE_BOOKING_MODULE)

/** A hold as the API shows it (no soft-delete column). */
export function hold({ deleted_at: _deleted, ...rest }: HoldRow) {
  return rest
}
