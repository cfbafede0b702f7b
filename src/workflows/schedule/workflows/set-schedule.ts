import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { setScheduleStep, type SetScheduleStepInput } from "../steps/set-schedule"

export const setScheduleWorkflowId = "resource-booking-set-schedule"

/** A resource's weekly schedule, written out to its horizon (docs/design.md §12). */
export const setScheduleWorkflow = createWorkflow(setScheduleWorkflowId, (input: SetScheduleStepInput) => {
  return new WorkflowResponse(setScheduleStep(input))
})
