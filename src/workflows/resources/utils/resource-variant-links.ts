import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import ResourceVariantLink from "../../../links/resource-variant"
import { RESOURCE_BOOKING_MODULE } from "../../../modules/resource_booking"

/** variant id → the resource it books, for those of these variants that book one. */
export async function resourceOfVariants(container: Pick<MedusaContainer, "resolve">, variantIds: string[]) {
  if (!variantIds.length) {
    return new Map<string, string>()
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: ResourceVariantLink.entryPoint,
    fields: ["product_variant_id", "resource_id"],
    filters: { product_variant_id: variantIds },
  })
  return new Map((data as { product_variant_id: string; resource_id: string }[]).map((r) => [r.product_variant_id, r.resource_id]))
}

/** The link as Medusa's link service and its create/dismiss steps take it. */
export const resourceVariantLink = (resourceId: string, variantId: string) => ({
  [Modules.PRODUCT]: { product_variant_id: variantId },
  [RESOURCE_BOOKING_MODULE]: { resource_id: resourceId },
})
