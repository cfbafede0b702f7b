import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingService } from "./service"

export type SetCapacityInput = { resource_id: string; from: string; to: string; max_capacity: number }

/** Sets a range of days; compensation restores the days as they were. */
export const setCapacityStep = createStep(
  "resource-booking-set-capacity",
  async (input: SetCapacityInput, { container }) => {
    const service = bookingService(container)
    const before = await service.listCapacities(
      { resource_id: input.resource_id, date: { $gte: input.from, $lte: input.to } },
      { select: ["date", "max_capacity"] }
    )
    const capacity = await service.setCapacity(input.resource_id, input)
    const existed = new Set(before.map((c) => c.date))
    return new StepResponse(capacity, {
      resource_id: input.resource_id,
      snapshot: before.map((c) => ({ date: c.date, max_capacity: c.max_capacity })),
      created: capacity.map((c) => c.date).filter((d) => !existed.has(d)),
    })
  },
  async (undo, { container }) => {
    if (undo) {
      await bookingService(container).restoreCapacity(undo.resource_id, undo.snapshot, undo.created)
    }
  }
)
