import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { orderEditAddItemsWithBookingsWorkflow } from "../../../../../workflows"

/** Medusa's POST /admin/order-edits/:id/items; booking lines hold capacity for the edit, or nothing is added. */
export const POST = async (req: AuthenticatedMedusaRequest<any>, res: MedusaResponse) => {
  const { result } = await orderEditAddItemsWithBookingsWorkflow(req.scope).run({
    input: { ...req.validatedBody, order_id: req.params.id },
  })
  res.json({ order_preview: result })
}
