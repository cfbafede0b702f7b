import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingModule } from "../../../modules/resource_booking"

export const extendHoldStepId = "resource-booking-extend-hold"

/** Moves expires_at later; compensation puts the previous expiry back. */
export const extendHoldStep = createStep(
  extendHoldStepId,
  async (input: { id: string; minutes?: number }, { container }) => {
    const service = bookingModule(container)
    const before = await service.retrieveHold(input.id, { select: ["id", "expires_at"] })
    const hold = await service.extendHold(input.id, input.minutes)
    return new StepResponse(hold, { id: input.id, expires_at: before.expires_at })
  },
  async (previous, { container }) => {
    if (previous) {
      await bookingModule(container).restoreHoldExpiry(previous.id, previous.expires_at)
    }
  }
)
