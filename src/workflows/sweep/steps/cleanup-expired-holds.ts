import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingModule, type CleanupInput } from "../../../modules/resource_booking"

export const cleanupExpiredHoldsStepId = "resource-booking-cleanup-expired-holds"

/**
 * Runs the sweep (in batches of the configured cleanupBatchSize unless the
 * input says otherwise). No compensation: every batch commits on its own and
 * the sweep only moves holds forward (active → expired), which is always right.
 */
export const cleanupExpiredHoldsStep = createStep(
  cleanupExpiredHoldsStepId,
  async (input: CleanupInput, { container }) => new StepResponse(await bookingModule(container).cleanupExpiredHolds(input))
)
