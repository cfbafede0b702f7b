import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cancelOrderEditWithBookingsWorkflow } from "../../../../workflows"

/** Medusa's DELETE /admin/order-edits/:id (cancel the edit; :id is the order's); what the edit held is released. */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { id } = req.params
  await cancelOrderEditWithBookingsWorkflow(req.scope).run({ input: { order_id: id } })
  res.status(200).json({ id, object: "order-edit", deleted: true })
}
