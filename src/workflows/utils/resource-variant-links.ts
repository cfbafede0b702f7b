import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import ResourceVariantLink from "../../links/resource-variant"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"

type LinkRow = { product_variant_id: string; resource_id: string }

async function linkRows(container: MedusaContainer, filters: Partial<Record<keyof LinkRow, string[]>>) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: ResourceVariantLink.entryPoint,
    fields: ["product_variant_id", "resource_id"],
    filters,
  })
  return data as LinkRow[]
}

/** variant id → the resource it books, for those of these variants that book one. */
export async function resourceOfVariants(container: MedusaContainer, variantIds: string[]) {
  const rows = variantIds.length ? await linkRows(container, { product_variant_id: variantIds }) : []
  return new Map(rows.map((r) => [r.product_variant_id, r.resource_id]))
}

/** resource id → the ids of the variants that book it (sorted), in one query for all of them. */
export async function variantIdsOfResources(container: MedusaContainer, resourceIds: string[]) {
  const byResource = new Map<string, string[]>(resourceIds.map((id) => [id, []]))
  const rows = resourceIds.length ? await linkRows(container, { resource_id: resourceIds }) : []
  for (const row of rows) {
    byResource.get(row.resource_id)?.push(row.product_variant_id)
  }
  byResource.forEach((ids) => ids.sort())
  return byResource
}

/** Resources as the admin API shows them: with the variants that book each. */
export async function withVariantIds<T extends { id: string }>(container: MedusaContainer, resources: T[]) {
  const ids = await variantIdsOfResources(container, resources.map((r) => r.id))
  return resources.map((r) => ({ ...r, variant_ids: ids.get(r.id) ?? [] }))
}

/** The link as Medusa's link service and its create/dismiss steps take it. */
export const resourceVariantLink = (resourceId: string, variantId: string) => ({
  [Modules.PRODUCT]: { product_variant_id: variantId },
  [RESOURCE_BOOKING_MODULE]: { resource_id: resourceId },
})
