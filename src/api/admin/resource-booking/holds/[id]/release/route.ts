import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { releaseHoldsWorkflow } from "../../../../../../workflows"
import { hold } from "../../../../../utils/hold"

export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { result } = await releaseHoldsWorkflow(req.scope).run({ input: { ids: [req.params.id] } })
  res.json({ hold: hold(result.holds[0]) })
}
