import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingModule, type ResourceFields } from "../../../modules/resource_booking"

export type CreateResourceStepInput = Partial<ResourceFields> & { title: string; handle: string }

export const createResourceStepId = "resource-booking-create-resource"

/** Creates a resource; compensation deletes it (nothing can refer to it yet). */
export const createResourceStep = createStep(
  createResourceStepId,
  async (input: CreateResourceStepInput, { container }) => {
    const resource = await bookingModule(container).createResources(input)
    return new StepResponse(resource, resource.id)
  },
  async (id, { container }) => {
    if (id) {
      await bookingModule(container).deleteResources(id)
    }
  }
)
