import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
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
  // The variant and, through the link, the resource it books, in one query.
  const {
    data: [variant],
  } = await query.graph({
    entity: "product_variant",
    fields: ["id", "resource.id", "resource.is_active"],
    filters: { id: variantId },
  })
  if (!variant) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Variant with id "${variantId}" was not found`)
  }
  const resource = (variant as { resource?: { id: string; is_active: boolean } | null }).resource
  if (!resource?.is_active) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Variant with id "${variantId}" books no active resource`)
  }
  res.json({ resource_id: resource.id, availability: await booking(req).getAvailability(resource.id, { from, to }) })
}
