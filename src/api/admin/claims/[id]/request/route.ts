import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { defaultAdminDetailsReturnFields } from "@medusajs/medusa/api/admin/returns/query-config"
import { cancelClaimRequestWithBookingsWorkflow, confirmClaimWithBookingsWorkflow } from "../../../../../workflows"
import { refetchOrderChange } from "../../../../../api/utils/refetch"

/**
 * Medusa's POST /admin/claims/:id/request: the claim is confirmed and its
 * outbound booking lines with it (one that lapsed is taken again, or 400 and
 * nothing changes).
 */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { id } = req.params
  const { result } = await confirmClaimWithBookingsWorkflow(req.scope).run({
    input: { claim_id: id, confirmed_by: req.auth_context.actor_id },
  })
  const claim = await refetchOrderChange(req.scope, "order_claim", id, req.queryConfig.fields, req.filterableFields)
  const orderReturn = claim.return_id
    ? await refetchOrderChange(req.scope, "return", claim.return_id, defaultAdminDetailsReturnFields)
    : undefined
  res.json({ order_preview: result, claim, return: orderReturn })
}

/** Medusa's DELETE /admin/claims/:id/request (drop the claim before it is confirmed); what it held is released. */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { id } = req.params
  await cancelClaimRequestWithBookingsWorkflow(req.scope).run({ input: { claim_id: id } })
  res.status(200).json({ id, object: "claim", deleted: true })
}
