import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { exchangeAddOutboundItemsWithBookingsWorkflow } from "../../../../../../workflows"
import { refetchOrderChange } from "../../../../../../api/utils/refetch"

/** Medusa's POST /admin/exchanges/:id/outbound/items; outbound booking lines hold capacity at once, or nothing is added. */
export const POST = async (req: AuthenticatedMedusaRequest<any>, res: MedusaResponse) => {
  const { id } = req.params
  const { result } = await exchangeAddOutboundItemsWithBookingsWorkflow(req.scope).run({ input: { ...req.validatedBody, exchange_id: id } })
  const exchange = await refetchOrderChange(req.scope, "order_exchange", id, req.queryConfig.fields, req.filterableFields)
  res.json({ order_preview: result, exchange })
}
