import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CreateHoldsOptions, HoldItemInput } from "../../modules/resource_booking/types"
import { bookingService } from "./service"

export type ReserveHoldsInput = { items: HoldItemInput[]; options: CreateHoldsOptions }

/** Takes the capacity; compensation gives it back by releasing the new holds. */
export const reserveHoldsStep = createStep(
  "resource-booking-reserve-holds",
  async (input: ReserveHoldsInput, { container }) => {
    const result = await bookingService(container).reserveHolds(input.items, input.options)
    return new StepResponse(result, result.holds.map((h) => h.id))
  },
  async (holdIds, { container }) => {
    if (holdIds?.length) {
      await bookingService(container).releaseHolds(holdIds)
    }
  }
)
