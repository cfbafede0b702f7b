import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { setCapacityStep, type SetCapacityInput } from "./steps/set-capacity"

export const setCapacityWorkflowId = "resource-booking-set-capacity"

export const setCapacityWorkflow = createWorkflow(
  setCapacityWorkflowId,
  (input: SetCapacityInput) => new WorkflowResponse(setCapacityStep(input))
)
