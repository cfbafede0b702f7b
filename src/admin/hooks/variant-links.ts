import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { ADMIN, sdk } from "../lib/sdk"
import type { AdminProduct, AdminProductVariant } from "@medusajs/framework/types"
import { KEY } from "./booking"

/** A product variant as the resources list names it. */
export type VariantSummary = Pick<AdminProductVariant, "id" | "title"> & { product: Pick<AdminProduct, "id" | "title"> | null }

// The product page loads its product without variants, so widgets ask for them.
export const useProductVariants = (productId: string) =>
  useQuery({
    queryKey: [KEY, "product-variants", productId],
    queryFn: () => sdk.admin.product.listVariants(productId, { limit: 100, fields: "id,title,sku" }),
  })

/** Names (product and variant titles) for variant ids, in one request. */
export const useVariantSummaries = (ids: string[]) =>
  useQuery({
    enabled: ids.length > 0,
    queryKey: [KEY, "variant-summaries", ids],
    queryFn: () =>
      sdk.client.fetch<{ variants: VariantSummary[] }>("/admin/product-variants", {
        query: { id: ids, limit: ids.length, fields: "id,title,product.id,product.title" },
      }),
  })

const batch = (resourceId: string, body: { add?: string[]; remove?: string[] }) =>
  sdk.client.fetch(`${ADMIN}/resources/${resourceId}/variants`, { method: "POST", body })

/**
 * Moves a variant from the resource it books (if any) to another (or none).
 * A variant books one resource, so it leaves the old one first; if the new one
 * refuses it, it goes back, rather than ending up booking nothing.
 */
export const useSetVariantResource = () => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async ({ variantId, from, to }: { variantId: string; from?: string; to?: string }) => {
      if (from) {
        await batch(from, { remove: [variantId] })
      }
      if (to) {
        try {
          await batch(to, { add: [variantId] })
        } catch (e) {
          if (from) {
            await batch(from, { add: [variantId] }).catch(() => undefined)
          }
          throw e
        }
      }
    },
    onSettled: () => client.invalidateQueries({ queryKey: [KEY] }),
  })
}
