import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { convertDraftOrderWithBookingsWorkflow } from "../../../../../workflows"

/**
 * Medusa's POST /admin/draft-orders/:id/convert-to-order: every booking line
 * confirmed (a lapsed hold taken again) or 400 not_allowed, the draft unchanged.
 */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await convertDraftOrderWithBookingsWorkflow(req.scope).run({ input: { id: req.params.id } })
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "orders", filters: { id: req.params.id }, fields: req.queryConfig.fields })
  res.status(200).json({ order: data[0] })
}
