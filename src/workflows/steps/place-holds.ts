import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CreateHoldsOptions, HoldItemInput } from "../../modules/resource_booking/types"
import { bookingService } from "./service"

export type PlaceHoldsInput = { items: HoldItemInput[]; options: CreateHoldsOptions }

/** Takes the capacity; compensation gives it back by releasing the new holds. */
export const placeHoldsStep = createStep(
  "resource-booking-place-holds",
  async (input: PlaceHoldsInput, { container }) => {
    const holds = await bookingService(container).placeHolds(input.items, input.options)
    return new StepResponse(holds, holds.map((h) => h.id))
  },
  async (holdIds, { container }) => {
    if (holdIds?.length) {
      await bookingService(container).releaseHolds(holdIds)
    }
  }
)
