import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { resourceOfVariants } from "../../../../../../workflows"
import { bookingModule, notFound } from "../../../../../../modules/resource_booking"
import type { StoreAvailabilityQueryType } from "../../../validators"

/**
 * What a storefront shows on a bookable product's page: the availability of
 * the resource the variant books, so it needs no resource ids of its own.
 * The link is read first and the variant itself only to word a 404, so a
 * bookable variant costs two reads besides the days (bench/RESULTS.md).
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const { from, to, nights } = req.validatedQuery as StoreAvailabilityQueryType
  const variantId = req.params.id
  const resourceId = (await resourceOfVariants(req.scope, [variantId])).get(variantId)
  const availability = resourceId
    ? await bookingModule(req.scope)
        .getAvailability(resourceId, { from, to }, { activeOnly: true, nights })
        .catch((e) => (e?.type === MedusaError.Types.NOT_FOUND ? null : Promise.reject(e)))
    : null
  if (!availability) {
    const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "product_variant", fields: ["id"], filters: { id: variantId } })
    notFound(data.length ? `Variant with id "${variantId}" books no active resource` : `Variant with id "${variantId}" was not found`)
  }
  res.json({ resource_id: resourceId, availability })
}
