import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { followScheduleStep, type FollowScheduleStepInput } from "../steps/follow-schedule"

export const followScheduleWorkflowId = "resource-booking-follow-schedule"

/** Days set by hand follow the weekly schedule again. */
export const followScheduleWorkflow = createWorkflow(followScheduleWorkflowId, (input: FollowScheduleStepInput) => {
  return new WorkflowResponse(followScheduleStep(input))
})
