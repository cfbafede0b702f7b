import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingService } from "./service"

export type SetCapacityInput = {
  resource_id: string
  from: string
  to: string
  max_capacity: number
  /** Some of the resource's slots; absent: every slot (or the whole day). */
  slots?: string[]
}

const keyOf = (c: { date: string; slot: string }) => `${c.date}|${c.slot}`

/** Sets a range of days; compensation restores the (day, slot) keys as they were. */
export const setCapacityStep = createStep(
  "resource-booking-set-capacity",
  async (input: SetCapacityInput, { container }) => {
    const service = bookingService(container)
    const before = await service.listCapacities(
      { resource_id: input.resource_id, date: { $gte: input.from, $lte: input.to } },
      { select: ["date", "slot", "max_capacity"] }
    )
    const capacity = await service.setCapacity(input.resource_id, input)
    const existed = new Set(before.map(keyOf))
    return new StepResponse(capacity, {
      resource_id: input.resource_id,
      snapshot: before.map((c) => ({ date: c.date, slot: c.slot, max_capacity: c.max_capacity })),
      created: capacity.filter((c) => !existed.has(keyOf(c))).map((c) => ({ date: c.date, slot: c.slot })),
    })
  },
  async (undo, { container }) => {
    if (undo) {
      await bookingService(container).restoreCapacity(undo.resource_id, undo.snapshot, undo.created)
    }
  }
)
