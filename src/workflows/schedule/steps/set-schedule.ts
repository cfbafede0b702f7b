import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingModule, type ScheduleRule } from "../../../modules/resource_booking"

export type SetScheduleStepInput = { resource_id: string; rules: ScheduleRule[] | null }

export const setScheduleStepId = "resource-booking-set-schedule"

/**
 * Sets a resource's weekly schedule and writes its days out. Compensation
 * sets the schedule it replaced, which writes those days out again (keys the
 * new one created and no hold uses go away; exceptions were never touched).
 */
export const setScheduleStep = createStep(
  setScheduleStepId,
  async (input: SetScheduleStepInput, { container }) => {
    const service = bookingModule(container)
    const [before] = await service.listResources({ id: input.resource_id }, { select: ["id", "schedule"] })
    const result = await service.setSchedule(input.resource_id, { rules: input.rules })
    return new StepResponse(result, { resource_id: input.resource_id, rules: (before?.schedule as any)?.rules ?? null })
  },
  async (undo, { container }) => {
    if (undo) {
      await bookingModule(container).setSchedule(undo.resource_id, { rules: undo.rules })
    }
  }
)
