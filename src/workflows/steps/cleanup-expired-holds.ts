import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CleanupInput } from "../../modules/resource_booking/types"
import { bookingService } from "./service"

/**
 * Runs the sweep. No compensation: every batch commits on its own and the
 * sweep only moves holds forward (active → expired), which is always right.
 */
export const cleanupExpiredHoldsStep = createStep(
  "resource-booking-cleanup-expired-holds",
  // Without a batchSize the service sweeps in batches of the configured cleanupBatchSize.
  async (input: CleanupInput, { container }) =>
    new StepResponse(await bookingService(container).cleanupExpiredHolds(input))
)
