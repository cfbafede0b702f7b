import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, OrderStatus } from "@medusajs/framework/utils"
import { refetchOrder } from "@medusajs/medusa/api/admin/draft-orders/helpers"
import { createDraftOrderWithBookingsWorkflow } from "../../../workflows"
import { priceStayItems } from "../../utils/price-stays"

/**
 * Medusa's POST /admin/draft-orders, with the draft's booking lines holding
 * capacity in the same workflow (400 for a missing date or too little
 * capacity, and no draft). The body and the answer are Medusa's.
 */
export const POST = async (req: AuthenticatedMedusaRequest<any>, res: MedusaResponse) => {
  const input = req.validatedBody
  const workflowInput: Record<string, any> = {
    ...input,
    no_notification: !!input.no_notification_order,
    status: OrderStatus.DRAFT,
    is_draft_order: true,
  }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  if (!workflowInput.currency_code) {
    const { data } = await query.graph({ entity: "region", fields: ["currency_code"], filters: { id: input.region_id } })
    workflowInput.currency_code = data[0]?.currency_code
  }
  if (!workflowInput.email && input.customer_id) {
    const { data } = await query.graph({ entity: "customer", fields: ["email"], filters: { id: input.customer_id } })
    workflowInput.email = data[0]?.email
  }
  for (const kind of ["billing_address", "shipping_address"] as const) {
    if (typeof input[kind] === "string") {
      workflowInput[`${kind}_id`] = input[kind]
      delete workflowInput[kind]
    }
  }
  // A stay line is priced per night × nights, as in a cart.
  await priceStayItems(req, workflowInput.items, workflowInput.currency_code ? {
    currency_code: workflowInput.currency_code,
    region_id: input.region_id,
    customer_id: input.customer_id,
  } : null)
  const { result } = await createDraftOrderWithBookingsWorkflow(req.scope).run({ input: workflowInput })
  res.status(200).json({ draft_order: await refetchOrder(result.id, req.scope, req.queryConfig.fields) })
}
