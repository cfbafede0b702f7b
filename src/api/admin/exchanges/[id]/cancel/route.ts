import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cancelExchangeWithBookingsWorkflow } from "../../../../../workflows"

/** Medusa's POST /admin/exchanges/:id/cancel: the confirmed exchange is undone, and its outbound bookings give their capacity back. */
export const POST = async (req: AuthenticatedMedusaRequest<any>, res: MedusaResponse) => {
  const { result } = await cancelExchangeWithBookingsWorkflow(req.scope).run({
    input: { ...req.validatedBody, exchange_id: req.params.id, canceled_by: req.auth_context.actor_id },
  })
  res.status(200).json({ exchange: result })
}
