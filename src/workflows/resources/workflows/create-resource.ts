import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createResourceStep, type CreateResourceStepInput } from "../steps/create-resource"

export const createResourceWorkflowId = "resource-booking-create-resource"

export const createResourceWorkflow = createWorkflow(
  createResourceWorkflowId,
  (input: CreateResourceStepInput) => new WorkflowResponse(createResourceStep(input))
)
