import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import {
  exchangeRemoveOutboundItemWithBookingsWorkflow,
  exchangeUpdateOutboundItemWithBookingsWorkflow,
} from "../../../../../../../workflows"
import { refetchOrderChange } from "../../../../../../../api/utils/refetch"

/** Medusa's POST /admin/exchanges/:id/outbound/items/:action_id (an outbound line's quantity). */
export const POST = async (req: AuthenticatedMedusaRequest<any>, res: MedusaResponse) => {
  const { id, action_id } = req.params
  const { result } = await exchangeUpdateOutboundItemWithBookingsWorkflow(req.scope).run({
    input: { data: { ...req.validatedBody }, exchange_id: id, action_id },
  })
  const exchange = await refetchOrderChange(req.scope, "order_exchange", id, req.queryConfig.fields, req.filterableFields)
  res.json({ order_preview: result, exchange })
}

/** Medusa's DELETE /admin/exchanges/:id/outbound/items/:action_id; what the line held is released. */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { id, action_id } = req.params
  const { result } = await exchangeRemoveOutboundItemWithBookingsWorkflow(req.scope).run({ input: { exchange_id: id, action_id } })
  const exchange = await refetchOrderChange(req.scope, "order_exchange", id, req.queryConfig.fields, req.filterableFields)
  res.json({ order_preview: result, exchange })
}
