import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { confirmDraftOrderEditWithBookingsWorkflow } from "../../../../../../workflows"

/** Medusa's POST /admin/draft-orders/:id/edit/confirm; the edit's holds join the draft's. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { result } = await confirmDraftOrderEditWithBookingsWorkflow(req.scope).run({
    input: { order_id: req.params.id, confirmed_by: req.auth_context.actor_id },
  })
  res.json({ draft_order_preview: result })
}
