import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingModule } from "../../../modules/resource_booking"

export const confirmHoldsStepId = "resource-booking-confirm-holds"

/**
 * active → confirmed. No compensation: the status machine has no way back
 * from confirmed but the checkout's own undo, and it is the last changing
 * step of its workflow.
 */
export const confirmHoldsStep = createStep(
  confirmHoldsStepId,
  async (input: { ids: string[]; order_id?: string | null }, { container }) =>
    new StepResponse(await bookingModule(container).confirmHolds(input.ids, { order_id: input.order_id }))
)
