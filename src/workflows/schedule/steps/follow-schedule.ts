import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingModule } from "../../../modules/resource_booking"

export type FollowScheduleStepInput = { resource_id: string; from: string; to: string; slots?: string[] | null }

export const followScheduleStepId = "resource-booking-follow-schedule"

/** Gives days set by hand back to the weekly schedule. No compensation: it is the workflow's only step. */
export const followScheduleStep = createStep(followScheduleStepId, async (input: FollowScheduleStepInput, { container }) => {
  const { resource_id, ...range } = input
  return new StepResponse(await bookingModule(container).followSchedule(resource_id, range))
})
