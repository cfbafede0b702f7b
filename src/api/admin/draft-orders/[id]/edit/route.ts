import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cancelDraftOrderEditWithBookingsWorkflow } from "../../../../../workflows"

/** Medusa's DELETE /admin/draft-orders/:id/edit (cancel the edit); what the edit held is released. */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { id } = req.params
  await cancelDraftOrderEditWithBookingsWorkflow(req.scope).run({ input: { order_id: id } })
  res.status(200).json({ id, object: "draft-order-edit", deleted: true })
}
