import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import ResourceVariantLink from "../../../links/resource-variant"
import { RESOURCE_BOOKING_MODULE } from "../../../modules/resource_booking"

/** variant id → the resource it books, for those of these variants that book one. */
export async function resourceOfVariants(container: Pick<MedusaContainer, "resolve">, variantIds: string[]) {
  return new Map([...(await variantLinks(container, variantIds))].map(([variant, link]) => [variant, link.resource_id]))
}

/** variant id → the resource it books and since when, for those of these variants that book one. */
export async function variantLinks(container: Pick<MedusaContainer, "resolve">, variantIds: string[]) {
  if (!variantIds.length) {
    return new Map<string, { resource_id: string; linked_at: Date }>()
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: ResourceVariantLink.entryPoint,
    fields: ["product_variant_id", "resource_id", "created_at"],
    filters: { product_variant_id: variantIds },
  })
  return new Map(
    (data as { product_variant_id: string; resource_id: string; created_at: Date | string }[]).map((r) => [
      r.product_variant_id,
      { resource_id: r.resource_id, linked_at: new Date(r.created_at) },
    ])
  )
}

/** The link as Medusa's link service and its create/dismiss steps take it. */
export const resourceVariantLink = (resourceId: string, variantId: string) => ({
  [Modules.PRODUCT]: { product_variant_id: variantId },
  [RESOURCE_BOOKING_MODULE]: { resource_id: resourceId },
})

/** Which of these resources a published product's variant books in one of these sales channels. */
export async function resourcesSoldIn(container: Pick<MedusaContainer, "resolve">, resourceIds: string[], salesChannelIds: string[]) {
  const sold = new Set<string>()
  if (!resourceIds.length || !salesChannelIds.length) {
    return sold
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: links } = await query.graph({
    entity: ResourceVariantLink.entryPoint,
    fields: ["product_variant_id", "resource_id"],
    filters: { resource_id: [...new Set(resourceIds)] },
  })
  const resourceOf = new Map((links as { product_variant_id: string; resource_id: string }[]).map((l) => [l.product_variant_id, l.resource_id]))
  if (!resourceOf.size) {
    return sold
  }
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id", "product.status", "product.sales_channels.id"],
    filters: { id: [...resourceOf.keys()] },
  })
  for (const v of variants as any[]) {
    const channels: string[] = (v.product?.sales_channels ?? []).map((c: { id: string }) => c.id)
    if (v.product?.status === "published" && channels.some((c) => salesChannelIds.includes(c))) {
      sold.add(resourceOf.get(v.id)!)
    }
  }
  return sold
}
