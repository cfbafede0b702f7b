import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { extendHoldWorkflow } from "../../../../../../workflows"
import { hold } from "../../../../../utils/hold"
import { salesChannelsOf } from "../../../../../utils/sales-channels"
import type { StoreExtendHoldType } from "../../../validators"

/** Moves an active hold's expiry later (by `minutes`, default the plugin's TTL). */
export const POST = async (req: MedusaRequest<StoreExtendHoldType>, res: MedusaResponse) => {
  const { cart_id, minutes } = req.validatedBody
  const { result } = await extendHoldWorkflow(req.scope).run({
    input: { id: req.params.id, cart_id, minutes, sales_channel_ids: salesChannelsOf(req) },
  })
  res.json({ hold: hold(result) })
}
