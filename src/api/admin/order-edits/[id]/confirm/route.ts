import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { confirmOrderEditWithBookingsWorkflow } from "../../../../../workflows"

/**
 * Medusa's POST /admin/order-edits/:id/confirm: the edit's holds are
 * confirmed (one that lapsed is taken again, or 400 and the edit stays as it
 * was) and lowered or removed lines give their capacity back.
 */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { result } = await confirmOrderEditWithBookingsWorkflow(req.scope).run({
    input: { order_id: req.params.id, confirmed_by: req.auth_context.actor_id },
  })
  res.json({ order_preview: result })
}
