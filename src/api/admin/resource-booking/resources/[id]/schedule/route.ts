import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { setScheduleWorkflow } from "../../../../../../workflows"
import { bookingModule } from "../../../../../../modules/resource_booking"
import type { AdminSetScheduleType } from "../../../validators"

/** The resource's weekly schedule, its zone and horizon, and how far its days are written. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const service = bookingModule(req.scope)
  const resource = await service.retrieveResource(req.params.id, {
    select: ["id", "schedule", "time_zone", "cutoff_minutes", "booking_horizon_days", "schedule_expanded_until"],
  })
  const [first] = await service.listCapacities(
    { resource_id: resource.id, date: { $gte: await service.today(resource.time_zone) } },
    { order: { date: "ASC" }, take: 1, select: ["date"] }
  )
  res.json({
    schedule: {
      resource_id: resource.id,
      rules: (resource.schedule as { rules?: unknown[] } | null)?.rules ?? [],
      time_zone: resource.time_zone,
      cutoff_minutes: resource.cutoff_minutes,
      booking_horizon_days: resource.booking_horizon_days,
      expanded_until: resource.schedule_expanded_until,
      first_day: first?.date ?? null,
    },
  })
}

/**
 * Sets the weekly schedule (`rules: []` removes it) and writes its days out
 * to the horizon. Days set by hand stay; `uncut` lists days whose holds use
 * more than the schedule gives (they keep what the holds use).
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminSetScheduleType>, res: MedusaResponse) => {
  const { result } = await setScheduleWorkflow(req.scope).run({
    input: { resource_id: req.params.id, rules: req.validatedBody.rules },
  })
  res.json({
    schedule: { resource_id: result.resource_id, rules: result.schedule?.rules ?? [], expanded_until: result.expanded_until },
    written: result.written,
    removed: result.removed,
    uncut: result.uncut,
  })
}
