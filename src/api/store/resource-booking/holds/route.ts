import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { notFound } from "../../../../modules/resource_booking"
import { createHoldsWorkflow } from "../../../../workflows"
import { hold } from "../../../utils/hold"
import { holdItemsOf } from "../../../utils/hold-stays"
import type { StoreHold, StoreHoldListResponse } from "../../../types"
import { listHolds } from "../../../utils/query"
import { salesChannelsOf } from "../../../utils/sales-channels"
import type { StoreCreateHoldsType } from "../validators"

/**
 * Holds capacity for a cart: `{ hold }` for one item, `{ holds }` for `items`
 * or a stay (`end_date`: a hold per night). Not enough capacity is a 400
 * not_allowed naming resource, date, requested and available (as Medusa's
 * own out-of-stock error).
 */
export const POST = async (req: MedusaRequest<StoreCreateHoldsType>, res: MedusaResponse) => {
  const { cart_id, items, resource_id, date, end_date, slot, quantity } = req.validatedBody
  const asked = items ?? [{ resource_id: resource_id!, date: date!, end_date, slot, quantity: quantity! }]
  const { result } = await createHoldsWorkflow(req.scope).run({
    input: { cart_id, items: await holdItemsOf(req.scope, asked, salesChannelsOf(req)), sales_channel_ids: salesChannelsOf(req) },
  })
  if (items || end_date) {
    res.json({ holds: result.map(hold) })
  } else {
    res.json({ hold: hold(result[0]) })
  }
}

/** A cart's holds, newest first unless `order` says otherwise; a cart of another sales channel is not found. */
export const GET = async (req: MedusaRequest, res: MedusaResponse<StoreHoldListResponse>) => {
  const cartId = (req.filterableFields as { cart_id: string }).cart_id
  const [cart] = await req.scope.resolve(Modules.CART).listCarts({ id: cartId }, { select: ["sales_channel_id"] })
  if (!cart || !salesChannelsOf(req).includes(cart.sales_channel_id ?? "")) {
    notFound(`Cart with id "${cartId}" was not found`)
  }
  res.json(await listHolds<StoreHold>(req))
}
