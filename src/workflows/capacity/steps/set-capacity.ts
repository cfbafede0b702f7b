import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingModule } from "../../../modules/resource_booking"

export type SetCapacityStepInput = {
  resource_id: string
  from: string
  to: string
  max_capacity: number
  /** Some of the resource's slots; absent: every slot (or the whole day). */
  slots?: string[]
}

export const setCapacityStepId = "resource-booking-set-capacity"

const keyOf = (c: { date: string; slot: string }) => `${c.date}|${c.slot}`

/** Sets a range of days; compensation restores the (day, slot) keys as they were. */
export const setCapacityStep = createStep(
  setCapacityStepId,
  async (input: SetCapacityStepInput, { container }) => {
    const service = bookingModule(container)
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
      await bookingModule(container).restoreCapacity(undo.resource_id, undo.snapshot, undo.created)
    }
  }
)
