import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RESOURCE_BOOKING_MODULE } from "../../../../modules/resource_booking"
import type ResourceBookingModuleService from "../../../../modules/resource_booking/service"

/** docs/design.md §5. Always 200 (§10.3): the body's status says how healthy the bookings are. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const service = req.scope.resolve<ResourceBookingModuleService>(RESOURCE_BOOKING_MODULE)
  res.json(await service.getHealth())
}
