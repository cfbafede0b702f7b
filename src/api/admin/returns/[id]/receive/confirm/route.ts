import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { confirmReturnReceiveWithBookingsWorkflow } from "../../../../../../workflows"
import { refetchOrderChange } from "../../../../../utils/refetch"

/**
 * Medusa's POST /admin/returns/:id/receive/confirm: what is received (and
 * what is dismissed as damaged) of booking lines gives its capacity back.
 */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { id } = req.params
  const { result } = await confirmReturnReceiveWithBookingsWorkflow(req.scope).run({
    input: { return_id: id, confirmed_by: req.auth_context.actor_id },
  })
  const orderReturn = await refetchOrderChange(req.scope, "return", id, req.queryConfig.fields, req.filterableFields)
  res.json({ order_preview: result, return: orderReturn })
}
