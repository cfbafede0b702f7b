import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { resourceOfVariants } from "../../../../../../workflows/utils/resource-variant-links"
import { booking } from "../../../../../utils/booking"
import type { StoreAvailabilityQueryType } from "../../../validators"

/**
 * What a storefront shows on a bookable product's page: the availability of
 * the resource the variant books, so it needs no resource ids of its own.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const { from, to } = req.validatedQuery as StoreAvailabilityQueryType
  const variantId = req.params.id
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id"],
    filters: { id: variantId },
  })
  if (!variants.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Variant with id "${variantId}" was not found`)
  }
  const resourceId = (await resourceOfVariants(req.scope, [variantId])).get(variantId)
  const service = booking(req)
  const [resource] = resourceId
    ? await service.listResources({ id: resourceId, is_active: true }, { select: ["id"], take: 1 })
    : []
  if (!resource) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Variant with id "${variantId}" books no active resource`)
  }
  res.json({ resource_id: resource.id, availability: await service.getAvailability(resource.id, { from, to }) })
}
