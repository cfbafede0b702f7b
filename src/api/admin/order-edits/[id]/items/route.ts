import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { orderEditAddItemsWithBookingsWorkflow } from "../../../../../workflows"
import { orderPricingContext, priceStayItems } from "../../../../utils/price-stays"

/** Medusa's POST /admin/order-edits/:id/items; booking lines hold capacity for the edit, or nothing is added. */
export const POST = async (req: AuthenticatedMedusaRequest<any>, res: MedusaResponse) => {
  await priceStayItems(req, req.validatedBody.items, await orderPricingContext(req, req.params.id))
  const { result } = await orderEditAddItemsWithBookingsWorkflow(req.scope).run({
    input: { ...req.validatedBody, order_id: req.params.id },
  })
  res.json({ order_preview: result })
}
