import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteResourceStep } from "../steps/delete-resource"

export const deleteResourceWorkflowId = "resource-booking-delete-resource"

/** Soft-deletes a resource with its capacity; refused while it has active or confirmed holds. */
export const deleteResourceWorkflow = createWorkflow(
  deleteResourceWorkflowId,
  (input: { id: string }) => new WorkflowResponse(deleteResourceStep(input))
)
