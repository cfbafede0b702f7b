import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import {
  orderEditRemoveActionWithBookingsWorkflow,
  orderEditUpdateAddedItemWithBookingsWorkflow,
} from "../../../../../../workflows"

/** Medusa's POST /admin/order-edits/:id/items/:action_id (an added line's quantity). */
export const POST = async (req: AuthenticatedMedusaRequest<any>, res: MedusaResponse) => {
  const { id, action_id } = req.params
  const { result } = await orderEditUpdateAddedItemWithBookingsWorkflow(req.scope).run({
    input: { data: { ...req.validatedBody }, order_id: id, action_id },
  })
  res.json({ order_preview: result })
}

/** Medusa's DELETE /admin/order-edits/:id/items/:action_id; what the action held is released. */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { id, action_id } = req.params
  const { result } = await orderEditRemoveActionWithBookingsWorkflow(req.scope).run({ input: { order_id: id, action_id } })
  res.json({ order_preview: result })
}
