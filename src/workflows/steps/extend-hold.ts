import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingService } from "./service"

/** Moves expires_at later; compensation puts the previous expiry back. */
export const extendHoldStep = createStep(
  "resource-booking-extend-hold",
  async (input: { id: string; minutes?: number }, { container }) => {
    const service = bookingService(container)
    const before = await service.retrieveHold(input.id, { select: ["id", "expires_at"] })
    const hold = await service.extendHold(input.id, input.minutes)
    return new StepResponse(hold, { id: input.id, expires_at: before.expires_at })
  },
  async (previous, { container }) => {
    if (previous) {
      await bookingService(container).restoreHoldExpiry(previous.id, previous.expires_at)
    }
  }
)
