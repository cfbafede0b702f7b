import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingModule, errorMessage } from "../../../modules/resource_booking"

export const topUpSchedulesStepId = "resource-booking-top-up-schedules"

export type TopUpResult = { schedule_days: number; error: string | null }

/**
 * Writes weekly schedules on to their horizon as the days go by. In the
 * sweep's run rather than a job of its own: one schedule and one switch
 * (scheduledCleanup; the command does it too), and when every resource is
 * written to its horizon it is one indexed read. Skipped on a dry run.
 */
export const topUpSchedulesStep = createStep(topUpSchedulesStepId, async (input: { dry_run: boolean }, { container }) => {
  if (input.dry_run) {
    return new StepResponse<TopUpResult>({ schedule_days: 0, error: null })
  }
  try {
    const { written } = await bookingModule(container).topUpSchedules()
    return new StepResponse<TopUpResult>({ schedule_days: written, error: null })
  } catch (e) {
    container.resolve(ContainerRegistrationKeys.LOGGER).error(`resource-booking schedule top-up failed: ${errorMessage(e)}`)
    return new StepResponse<TopUpResult>({ schedule_days: 0, error: `schedule top-up: ${errorMessage(e)}` })
  }
})
