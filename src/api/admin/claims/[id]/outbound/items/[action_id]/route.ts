import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import {
  claimRemoveOutboundItemWithBookingsWorkflow,
  claimUpdateOutboundItemWithBookingsWorkflow,
} from "../../../../../../../workflows"
import { refetchOrderChange } from "../../../../../../../api/utils/refetch"

/** Medusa's POST /admin/claims/:id/outbound/items/:action_id (an outbound line's quantity). */
export const POST = async (req: AuthenticatedMedusaRequest<any>, res: MedusaResponse) => {
  const { id, action_id } = req.params
  const { result } = await claimUpdateOutboundItemWithBookingsWorkflow(req.scope).run({
    input: { data: { ...req.validatedBody }, claim_id: id, action_id },
  })
  const claim = await refetchOrderChange(req.scope, "order_claim", id, req.queryConfig.fields, req.filterableFields)
  res.json({ order_preview: result, claim })
}

/** Medusa's DELETE /admin/claims/:id/outbound/items/:action_id; what the line held is released. */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { id, action_id } = req.params
  const { result } = await claimRemoveOutboundItemWithBookingsWorkflow(req.scope).run({ input: { claim_id: id, action_id } })
  const claim = await refetchOrderChange(req.scope, "order_claim", id, req.queryConfig.fields, req.filterableFields)
  res.json({ order_preview: result, claim })
}
