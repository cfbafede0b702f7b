import type { MedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import type ResourceBookingModuleService from "../../modules/resource_booking/service"
import type { HoldRow } from "../../modules/resource_booking/types"

export const booking = (req: MedusaRequest) =>
  req.scope.resolve<ResourceBookingModuleService>(RESOURCE_BOOKING_MODULE)

/** A hold as the API shows it (no soft-delete column). */
export function hold({ deleted_at: _deleted, ...rest }: HoldRow) {
  return rest
}

/**
 * Release is idempotent (released again → 200), but a hold that is confirmed
 * or expired cannot be released: say so instead of pretending it was.
 */
export function assertReleased(h: HoldRow) {
  if (h.status !== "released") {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      h.status === "expired"
        ? `Hold ${h.id} expired at ${new Date(h.expires_at).toISOString()}; its capacity is already back`
        : `Hold ${h.id} is ${h.status}; only active holds can be released`
    )
  }
}
