import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingModule } from "../../../modules/resource_booking"

export const deleteResourceStepId = "resource-booking-delete-resource"

/**
 * Soft-deletes the resource and its capacity (refused while it has active or
 * confirmed holds); compensation restores both.
 */
export const deleteResourceStep = createStep(
  deleteResourceStepId,
  async (input: { id: string }, { container }) => {
    await bookingModule(container).softDeleteResources([input.id])
    return new StepResponse(input.id, input.id)
  },
  async (id, { container }) => {
    if (id) {
      await bookingModule(container).restoreResources([id])
    }
  }
)
