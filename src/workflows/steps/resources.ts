import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { ResourceFields } from "../../modules/resource_booking/types"
import { bookingService } from "./service"

export type ResourceInput = Partial<ResourceFields>

export const createResourceStep = createStep(
  "resource-booking-create-resource",
  async (input: ResourceInput & { title: string; handle: string }, { container }) => {
    const resource = await bookingService(container).createResources(input)
    return new StepResponse(resource, resource.id)
  },
  async (id, { container }) => {
    if (id) {
      await bookingService(container).deleteResources(id)
    }
  }
)

export const updateResourceStep = createStep(
  "resource-booking-update-resource",
  async ({ id, ...data }: ResourceInput & { id: string }, { container }) => {
    const service = bookingService(container)
    const before = await service.retrieveResource(id)
    const resource = await service.updateResources({ id, ...data })
    const previous = Object.fromEntries(
      Object.keys(data).map((key) => [key, (before as Record<string, unknown>)[key]])
    )
    return new StepResponse(resource, { id, ...previous })
  },
  async (previous, { container }) => {
    if (previous) {
      await bookingService(container).updateResources(previous)
    }
  }
)

/**
 * Soft-deletes the resource and its capacity (refused while it has active or
 * confirmed holds); compensation restores both.
 */
export const deleteResourceStep = createStep(
  "resource-booking-delete-resource",
  async (input: { id: string }, { container }) => {
    await bookingService(container).softDeleteResources([input.id])
    return new StepResponse(input.id, input.id)
  },
  async (id, { container }) => {
    if (id) {
      await bookingService(container).restoreResources([id])
    }
  }
)
