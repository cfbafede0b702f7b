import type { MedusaRequest } from "@medusajs/framework/http"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { notFound } from "../../modules/resource_booking"
import { bindCheckoutOrders } from "../../workflows"
import type { AdminResource, StoreHold } from "../types"

type QueryConfig = MedusaRequest["queryConfig"]

/**
 * Medusa's paging with rows of an equal sort key (holds made together share
 * their created_at) in id order, so that pages neither overlap nor skip one.
 */
function stable({ order = {}, ...pagination }: QueryConfig["pagination"]) {
  const [direction = "DESC"] = Object.values(order)
  return { ...pagination, order: { ...order, id: order.id ?? direction } }
}

/**
 * Holds as a list route reads them: its filters, fields, paging and order.
 * Typed as they serialize with the route's default fields (query.graph's rows
 * carry Dates, or are untyped before Medusa generates .medusa/types).
 */
export async function listHolds<H extends StoreHold>(req: MedusaRequest) {
  // A checkout's holds get their order's id just after it commits; a list read
  // at once shows it all the same.
  const { order_id, cart_id } = req.filterableFields as { order_id?: string; cart_id?: string }
  await bindCheckoutOrders(req.scope, order_id ? { orders: [order_id] } : cart_id ? { carts: [cart_id] } : {})
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: holds, metadata } = await query.graph({
    entity: "hold",
    filters: req.filterableFields,
    ...req.queryConfig,
    pagination: stable(req.queryConfig.pagination),
  })
  return { holds: holds as unknown as H[], count: metadata!.count, offset: metadata!.skip, limit: metadata!.take }
}

// The variants that book a resource come through the link
// (src/links/resource-variant.ts) in the same query; the API shows their ids.
const VARIANT_IDS = "product_variants.id"

type GraphResource = { product_variants?: ({ id: string } | null)[] | null }

/** Typed as with the default fields: query.graph's rows are untyped, and `fields` may ask for fewer. */
function withVariantIds({ product_variants, ...resource }: GraphResource): AdminResource {
  const variant_ids = (product_variants ?? []).flatMap((v) => (v ? [v.id] : [])).sort()
  return { ...resource, variant_ids } as AdminResource
}

/** Resources as a list route reads them, each with `variant_ids`. */
export async function listResources(req: MedusaRequest) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data, metadata } = await query.graph({
    entity: "resource",
    filters: req.filterableFields,
    ...req.queryConfig,
    fields: [...req.queryConfig.fields, VARIANT_IDS],
    pagination: stable(req.queryConfig.pagination),
  })
  return { resources: data.map(withVariantIds), count: metadata!.count, offset: metadata!.skip, limit: metadata!.take }
}

/** One resource with the fields asked for and `variant_ids`; 404 if there is none. */
export async function refetchResource(scope: MedusaContainer, id: string, fields: string[]) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [resource],
  } = await query.graph({ entity: "resource", filters: { id }, fields: [...fields, VARIANT_IDS] })
  if (!resource) {
    notFound(`Resource with id: ${id} was not found`)
  }
  return withVariantIds(resource)
}
