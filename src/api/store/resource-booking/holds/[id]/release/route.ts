import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { releaseHoldsWorkflow } from "../../../../../../workflows"
import { hold } from "../../../../../utils/hold"
import type { StoreHoldActionType } from "../../../validators"

/** Only the cart that made the hold may release it; another cart gets 404. */
export const POST = async (req: MedusaRequest<StoreHoldActionType>, res: MedusaResponse) => {
  const { result } = await releaseHoldsWorkflow(req.scope).run({
    input: { ids: [req.params.id], cart_id: req.validatedBody.cart_id },
  })
  res.json({ hold: hold(result.holds[0]) })
}
