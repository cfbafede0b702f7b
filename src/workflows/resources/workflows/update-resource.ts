import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateResourceStep, type UpdateResourceStepInput } from "../steps/update-resource"

export const updateResourceWorkflowId = "resource-booking-update-resource"

export const updateResourceWorkflow = createWorkflow(
  updateResourceWorkflowId,
  (input: UpdateResourceStepInput) => new WorkflowResponse(updateResourceStep(input))
)
