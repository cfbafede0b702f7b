import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import {
  removeDraftOrderActionItemWithBookingsWorkflow,
  updateDraftOrderActionItemWithBookingsWorkflow,
} from "../../../../../../../workflows"

/** Medusa's POST /admin/draft-orders/:id/edit/items/:action_id (an added line's quantity). */
export const POST = async (req: AuthenticatedMedusaRequest<any>, res: MedusaResponse) => {
  const { id, action_id } = req.params
  const { result } = await updateDraftOrderActionItemWithBookingsWorkflow(req.scope).run({
    input: { data: req.validatedBody, order_id: id, action_id },
  })
  res.json({ draft_order_preview: result })
}

/** Medusa's DELETE /admin/draft-orders/:id/edit/items/:action_id; what the action held is released. */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { id, action_id } = req.params
  const { result } = await removeDraftOrderActionItemWithBookingsWorkflow(req.scope).run({
    input: { order_id: id, action_id },
  })
  res.json({ draft_order_preview: result })
}
