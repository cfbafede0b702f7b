import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { orderEditUpdateItemWithBookingsWorkflow } from "../../../../../../../workflows"

/** Medusa's POST /admin/order-edits/:id/items/item/:item_id; a raised line holds the difference at once. */
export const POST = async (req: AuthenticatedMedusaRequest<any>, res: MedusaResponse) => {
  const { id, item_id } = req.params
  const { result } = await orderEditUpdateItemWithBookingsWorkflow(req.scope).run({
    input: { ...req.validatedBody, order_id: id, items: [{ ...req.validatedBody, id: item_id }] },
  })
  res.json({ order_preview: result })
}
