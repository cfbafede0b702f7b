import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { bookingModule } from "../../../../modules/resource_booking"
import { bindCheckoutOrders } from "../../../../workflows"
import type { AdminAuditQueryType } from "../validators"

/**
 * The books audit: booking lines of live orders their confirmed holds do not
 * cover, and confirmed holds that cover no live line, from `from` (default
 * today) on, each with the reason (docs/design.md).
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { from } = req.validatedQuery as AdminAuditQueryType
  // Checkouts that committed a moment ago carry their order's id once bound.
  await bindCheckoutOrders(req.scope)
  res.json(await bookingModule(req.scope).auditBookings({ from }))
}
