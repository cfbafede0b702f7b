import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { followScheduleWorkflow } from "../../../../../../../workflows"
import type { AdminFollowScheduleType } from "../../../../validators"

/** Days set by hand (exceptions) from..to follow the weekly schedule again, written out at once. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminFollowScheduleType>, res: MedusaResponse) => {
  const { result } = await followScheduleWorkflow(req.scope).run({
    input: { resource_id: req.params.id, ...req.validatedBody },
  })
  res.json({ followed: result.days, written: result.written, removed: result.removed, uncut: result.uncut })
}
