import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { defaultAdminDetailsReturnFields } from "@medusajs/medusa/api/admin/returns/query-config"
import { cancelExchangeRequestWithBookingsWorkflow, confirmExchangeWithBookingsWorkflow } from "../../../../../workflows"
import { refetchOrderChange } from "../../../../../api/utils/refetch"

/**
 * Medusa's POST /admin/exchanges/:id/request: the exchange is confirmed and its
 * outbound booking lines with it (one that lapsed is taken again, or 400 and
 * nothing changes).
 */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { id } = req.params
  const { result } = await confirmExchangeWithBookingsWorkflow(req.scope).run({
    input: { exchange_id: id, confirmed_by: req.auth_context.actor_id },
  })
  const exchange = await refetchOrderChange(req.scope, "order_exchange", id, req.queryConfig.fields, req.filterableFields)
  const orderReturn = exchange.return_id
    ? await refetchOrderChange(req.scope, "return", exchange.return_id, defaultAdminDetailsReturnFields)
    : undefined
  res.json({ order_preview: result, exchange, return: orderReturn })
}

/** Medusa's DELETE /admin/exchanges/:id/request (drop the exchange before it is confirmed); what it held is released. */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { id } = req.params
  await cancelExchangeRequestWithBookingsWorkflow(req.scope).run({ input: { exchange_id: id } })
  res.status(200).json({ id, object: "exchange", deleted: true })
}
