import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { booking } from "../../../utils/booking"
import type { AdminListHoldsType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { status, resource_id, cart_id, order_id, date, from, to, limit, offset } =
    req.validatedQuery as AdminListHoldsType
  const filters: Record<string, unknown> = {}
  if (status) filters.status = status
  if (resource_id) filters.resource_id = resource_id
  if (cart_id) filters.cart_id = cart_id
  if (order_id) filters.order_id = order_id
  if (date) filters.date = date
  else if (from || to) filters.date = { ...(from && { $gte: from }), ...(to && { $lte: to }) }
  const [holds, count] = await booking(req).listAndCountHolds(filters, {
    skip: offset,
    take: limit,
    order: { created_at: "DESC", id: "DESC" },
    relations: ["resource"],
  })
  res.json({
    holds: holds.map(({ resource, ...h }: any) => ({
      ...h,
      resource: resource ? { id: resource.id, title: resource.title } : null,
    })),
    count,
    offset,
    limit,
  })
}
