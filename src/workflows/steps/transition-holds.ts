import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingService } from "./service"

// Confirm and release have no compensation: the status machine has no way
// back (confirmed → active, released → active), and they are the last
// changing step of their workflows.

export const confirmHoldsStep = createStep(
  "resource-booking-confirm-holds",
  async (input: { ids: string[]; order_id?: string | null }, { container }) => {
    return new StepResponse(
      await bookingService(container).confirmHolds(input.ids, { order_id: input.order_id })
    )
  }
)

/** Someone asked for these holds to be released: one that is confirmed or expired is refused. */
export const releaseHoldsStep = createStep(
  "resource-booking-release-holds",
  async (input: { ids: string[] }, { container }) => {
    return new StepResponse(await bookingService(container).releaseHolds(input.ids, { strict: true }))
  }
)
