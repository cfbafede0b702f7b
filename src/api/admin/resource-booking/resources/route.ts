import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createResourceWorkflow } from "../../../../workflows/resources"
import { withVariantIds } from "../../../../workflows/utils/resource-variant-links"
import { booking, slugify } from "../../../utils/booking"
import type { AdminCreateResourceType, AdminListResourcesType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { q, is_active, order, limit, offset } = req.validatedQuery as AdminListResourcesType
  const filters: Record<string, unknown> = {}
  if (q) filters.q = q
  if (is_active !== undefined) filters.is_active = is_active
  const [field, direction] = order?.startsWith("-")
    ? [order.slice(1), "DESC"]
    : [order ?? "created_at", order ? "ASC" : "DESC"]
  const [resources, count] = await booking(req).listAndCountResources(filters, {
    skip: offset,
    take: limit,
    order: { [field]: direction },
  })
  res.json({ resources: await withVariantIds(req.scope, resources), count, offset, limit })
}

export const POST = async (
  req: AuthenticatedMedusaRequest<AdminCreateResourceType>,
  res: MedusaResponse
) => {
  const body = req.validatedBody
  const { result } = await createResourceWorkflow(req.scope).run({
    input: { ...body, handle: body.handle ?? slugify(body.title) },
  })
  const [resource] = await withVariantIds(req.scope, [result])
  res.status(200).json({ resource })
}
