import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { releaseHoldsWorkflow } from "../../../../../../workflows"
import { hold } from "../../../../../utils/hold"
import { salesChannelsOf } from "../../../../../utils/sales-channels"
import type { StoreHoldActionType } from "../../../validators"

/** Only the cart that made the hold may release it; another cart gets 404. */
export const POST = async (req: MedusaRequest<StoreHoldActionType>, res: MedusaResponse) => {
  const { result } = await releaseHoldsWorkflow(req.scope).run({
    input: { ids: [req.params.id], cart_id: req.validatedBody.cart_id, sales_channel_ids: salesChannelsOf(req) },
  })
  res.json({ hold: hold(result.holds[0]) })
}
