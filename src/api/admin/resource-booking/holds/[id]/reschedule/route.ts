import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { bookingModule } from "../../../../../../modules/resource_booking"
import { rescheduleBookingWorkflow } from "../../../../../../workflows"
import { hold } from "../../../../../utils/hold"
import type { AdminRescheduleType } from "../../../validators"

/**
 * Moves a confirmed booking (or `quantity` of it) to another day and slot of
 * its resource: an order edit through Medusa's workflows and the holds moved
 * in one transaction; 400 naming the new day when it lacks capacity, with
 * nothing changed. Answers the new holds.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminRescheduleType>, res: MedusaResponse) => {
  const { result } = await rescheduleBookingWorkflow(req.scope).run({ input: { hold_id: req.params.id, ...req.validatedBody } })
  const created = result?.created ?? []
  const holds = created.length ? await bookingModule(req.scope).listHolds({ id: created }) : []
  res.json({ holds: holds.map(hold) })
}
