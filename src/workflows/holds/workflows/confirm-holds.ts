import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { confirmHoldsStep } from "../steps/confirm-holds"

export const confirmHoldsWorkflowId = "resource-booking-confirm-holds"

/** active → confirmed with the order; holds past their TTL are expired instead. */
export const confirmHoldsWorkflow = createWorkflow(
  confirmHoldsWorkflowId,
  (input: { ids: string[]; order_id?: string | null }) => new WorkflowResponse(confirmHoldsStep(input))
)
