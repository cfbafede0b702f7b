import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteDraftOrderWithBookingsWorkflow } from "../../../../workflows"

/** Medusa's DELETE /admin/draft-orders/:id; what the draft held is released with it. */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { id } = req.params
  await deleteDraftOrderWithBookingsWorkflow(req.scope).run({ input: { order_ids: [id] } })
  res.status(200).json({ id, object: "draft-order", deleted: true })
}
