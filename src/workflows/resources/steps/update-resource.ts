import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingModule, type ResourceFields } from "../../../modules/resource_booking"

export type UpdateResourceStepInput = Partial<ResourceFields> & { id: string }

export const updateResourceStepId = "resource-booking-update-resource"

/** Updates a resource; compensation puts back the fields it changed. */
export const updateResourceStep = createStep(
  updateResourceStepId,
  async ({ id, ...data }: UpdateResourceStepInput, { container }) => {
    const service = bookingModule(container)
    const before = await service.retrieveResource(id)
    const resource = await service.updateResources({ id, ...data })
    const previous = Object.fromEntries(Object.keys(data).map((key) => [key, (before as Record<string, unknown>)[key]]))
    return new StepResponse(resource, { id, ...previous })
  },
  async (previous, { container }) => {
    if (previous) {
      await bookingModule(container).updateResources(previous)
    }
  }
)
