import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cancelClaimWithBookingsWorkflow } from "../../../../../workflows"

/** Medusa's POST /admin/claims/:id/cancel: the confirmed claim is undone, and its outbound bookings give their capacity back. */
export const POST = async (req: AuthenticatedMedusaRequest<any>, res: MedusaResponse) => {
  const { result } = await cancelClaimWithBookingsWorkflow(req.scope).run({
    input: { ...req.validatedBody, claim_id: req.params.id, canceled_by: req.auth_context.actor_id },
  })
  res.status(200).json({ claim: result })
}
