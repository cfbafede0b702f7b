import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { setCapacityStep, type SetCapacityStepInput } from "../steps/set-capacity"

export type SetCapacityWorkflowInput = SetCapacityStepInput

export const setCapacityWorkflowId = "resource-booking-set-capacity"

/** Sets max_capacity for a range of days; refused below what holds use. */
export const setCapacityWorkflow = createWorkflow(
  setCapacityWorkflowId,
  (input: SetCapacityWorkflowInput) => new WorkflowResponse(setCapacityStep(input))
)
