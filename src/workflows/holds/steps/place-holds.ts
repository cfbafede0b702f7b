import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingModule, type CreateHoldsOptions, type HoldItemInput } from "../../../modules/resource_booking"

export type PlaceHoldsStepInput = { items: HoldItemInput[]; options: CreateHoldsOptions }

export const placeHoldsStepId = "resource-booking-place-holds"

/** Takes the capacity; compensation gives it back by releasing the new holds. */
export const placeHoldsStep = createStep(
  placeHoldsStepId,
  async (input: PlaceHoldsStepInput, { container }) => {
    const holds = await bookingModule(container).placeHolds(input.items, input.options)
    return new StepResponse(holds, holds.map((h) => h.id))
  },
  async (holdIds, { container }) => {
    if (holdIds?.length) {
      await bookingModule(container).releaseHolds(holdIds)
    }
  }
)
