import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { AdminHold, AdminHoldListResponse } from "../../../types"
import { listHolds } from "../../../utils/query"

/** Holds with their resource's id and title, newest first unless `order` says otherwise. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminHoldListResponse>) => {
  res.json(await listHolds<AdminHold>(req))
}
