import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingModule } from "../../../modules/resource_booking"

export const releaseHoldsStepId = "resource-booking-release-holds"

/**
 * Someone asked for these holds to be released: one that is confirmed or
 * expired is refused. No compensation: released → active is no transition,
 * and it is the last changing step of its workflow.
 */
export const releaseHoldsStep = createStep(
  releaseHoldsStepId,
  async (input: { ids: string[] }, { container }) =>
    new StepResponse(await bookingModule(container).releaseHolds(input.ids, { strict: true }))
)
