import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { claimAddOutboundItemsWithBookingsWorkflow } from "../../../../../../workflows"
import { refetchOrderChange } from "../../../../../../api/utils/refetch"

/** Medusa's POST /admin/claims/:id/outbound/items; outbound booking lines hold capacity at once, or nothing is added. */
export const POST = async (req: AuthenticatedMedusaRequest<any>, res: MedusaResponse) => {
  const { id } = req.params
  const { result } = await claimAddOutboundItemsWithBookingsWorkflow(req.scope).run({ input: { ...req.validatedBody, claim_id: id } })
  const claim = await refetchOrderChange(req.scope, "order_claim", id, req.queryConfig.fields, req.filterableFields)
  res.json({ order_preview: result, claim })
}
