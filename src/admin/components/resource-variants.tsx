import { Text } from "@medusajs/ui"
import { useMemo } from "react"
import { Link } from "react-router-dom"
import { useVariantSummaries } from "../hooks/variant-links"
import type { AdminResource } from "../../api/types"
import type { VariantSummary } from "../hooks/variant-links"

/** The variants that book these resources, named in one request for the whole page. */
export function useVariantNames(resources: AdminResource[]) {
  const ids = useMemo(() => [...new Set(resources.flatMap((r) => r.variant_ids))].sort(), [resources])
  const { data } = useVariantSummaries(ids)
  return useMemo(() => new Map((data?.variants ?? []).map((v) => [v.id, v])), [data])
}

/** "Product · Variant", each a link to its product; a variant not (yet) named shows its id. */
export const ResourceVariants = ({ ids, names }: { ids: string[]; names: Map<string, VariantSummary> }) => {
  if (!ids.length) {
    return <Text size="small" className="text-ui-fg-muted">No products</Text>
  }
  return (
    <div className="flex flex-col">
      {ids.map((id) => {
        const v = names.get(id)
        return v?.product ? (
          <Link key={id} to={`/products/${v.product.id}`} className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover txt-small">
            {v.product.title} · {v.title}
          </Link>
        ) : (
          <Text key={id} size="small" className="text-ui-fg-subtle">{id}</Text>
        )
      })}
    </div>
  )
}
