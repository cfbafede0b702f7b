import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { setCapacityWorkflow } from "../../../../../../workflows"
import { bookingModule } from "../../../../../../modules/resource_booking"
import type { CapacityDay } from "../../../../../../modules/resource_booking"
import type { AdminCapacityRangeType, AdminSetCapacityType } from "../../../validators"

// is_exception: set by hand, so the weekly schedule leaves it alone.
const view = ({ date, slot, max_capacity, available_capacity, is_exception }: CapacityDay & { is_exception?: boolean }) => ({
  date,
  slot,
  max_capacity,
  available_capacity,
  is_exception: is_exception !== false,
})

/** The stored (day, slot) keys of a range (keys without capacity are absent). */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { from, to } = req.validatedQuery as AdminCapacityRangeType
  const service = bookingModule(req.scope)
  await service.retrieveResource(req.params.id, { select: ["id"] })
  const rows = await service.listCapacities(
    { resource_id: req.params.id, date: { $gte: from, $lte: to } },
    { order: { date: "ASC", slot: "ASC" }, select: ["date", "slot", "max_capacity", "available_capacity", "is_exception"] }
  )
  res.json({ capacity: rows.map(view) })
}

/** Sets max_capacity for every day of the range; 400 when holds already use more. */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminSetCapacityType>,
  res: MedusaResponse
) => {
  const { result } = await setCapacityWorkflow(req.scope).run({
    input: { resource_id: req.params.id, ...req.validatedBody },
  })
  res.json({ capacity: result.map(view) })
}
