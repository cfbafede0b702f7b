import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { deleteLineItemsWorkflow, updateCartWorkflow, updateLineItemInCartWorkflow } from "@medusajs/medusa/core-flows"
import { stayPrice, type PricingContext, type StayPrice } from "../../workflows"

// A stay line's price is the variant's price per night times its nights
// (docs/design.md §13). Medusa prices a line from one context per cart, so
// the plugin gives such a line a custom unit price, which Medusa keeps
// through every refresh. These run after Medusa's own validation of the
// store's cart routes and add `unit_price` to the validated body the core
// handler passes to its workflow: the storefront sends Medusa's usual body
// (variant, quantity, metadata with booking_date and booking_end_date) and
// needs no call of the plugin's. A line that is no stay, or not a valid one,
// passes untouched (the booking checks in the workflow refuse a bad stay).

type Body = Record<string, any>

async function cartContext(req: MedusaRequest, cartId: string): Promise<PricingContext | null> {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [cart] } = await query.graph({
    entity: "cart",
    fields: ["currency_code", "region_id", "customer_id"],
    filters: { id: cartId },
  })
  return cart ? { currency_code: cart.currency_code, region_id: cart.region_id, customer_id: cart.customer_id } : null
}

async function priceItem(req: MedusaRequest, item: Body, context: PricingContext | null): Promise<void> {
  const price = context && (await stayPrice(req.scope, item, context))
  if (price) {
    item.unit_price = price.unit_price
    if (price.compare_at_unit_price !== null) {
      item.compare_at_unit_price = price.compare_at_unit_price
    }
  }
}

const handled =
  (work: (req: MedusaRequest) => Promise<void>) => async (req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) => {
    try {
      await work(req)
      next()
    } catch (e) {
      next(e)
    }
  }

/** POST /store/carts/:id/line-items. */
export const priceAddedStay = handled(async (req) => {
  const body = req.validatedBody as Body
  if (body?.metadata?.booking_end_date) {
    await priceItem(req, body, await cartContext(req, req.params.id))
  }
})

/** POST /store/carts/:id/line-items/:line_id: new dates re-price the stay; a quantity alone keeps its price per unit. */
export const priceUpdatedStay = handled(async (req) => {
  const body = req.validatedBody as Body
  if (!body?.metadata || !Number(body.quantity)) {
    return
  }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [line] } = await query.graph({
    entity: "line_item",
    fields: ["variant_id", "metadata", "cart_id"],
    filters: { id: req.params.line_id, cart_id: req.params.id },
  })
  if (!line) {
    return // Medusa answers the missing line itself
  }
  const item = { variant_id: line.variant_id, metadata: { ...(line.metadata ?? {}), ...body.metadata } }
  const price = await stayPrice(req.scope, item, (await cartContext(req, req.params.id))!)
  if (price) {
    body.unit_price = price.unit_price
    body.compare_at_unit_price = price.compare_at_unit_price
  }
})

/** POST /store/carts with items: priced in the region (and currency) the cart is created in. */
export const priceCreatedStays = handled(async (req) => {
  const body = req.validatedBody as Body
  const stays = ((body?.items ?? []) as Body[]).filter((i) => i?.metadata?.booking_end_date)
  if (!stays.length) {
    return
  }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  let regionId: string | null = body.region_id ?? null
  if (!regionId) {
    const { data: [store] } = await query.graph({ entity: "store", fields: ["default_region_id"] })
    regionId = store?.default_region_id ?? null
  }
  const { data: [region] } = regionId
    ? await query.graph({ entity: "region", fields: ["currency_code"], filters: { id: regionId } })
    : { data: [] as any[] }
  const currency = body.currency_code ?? region?.currency_code
  const customer = (req as any).auth_context?.actor_id ?? null
  for (const item of stays) {
    await priceItem(req, item, currency ? { currency_code: currency, region_id: regionId, customer_id: customer } : null)
  }
})

/**
 * The operator's routes (a draft, an order edit, an exchange's or claim's
 * new lines): a stay line without a price of the operator's own gets the
 * price per night × nights, in the order's currency and region.
 */
export async function priceStayItems(req: MedusaRequest, items: Body[] | undefined, context: PricingContext | null): Promise<void> {
  for (const item of (items ?? []).filter((i) => i?.metadata?.booking_end_date && i.unit_price === undefined)) {
    await priceItem(req, item, context)
  }
}

/** How an order (or a draft) prices its lines: its currency, region and customer; `entity` finds the order of an exchange or a claim. */
export async function orderPricingContext(
  req: MedusaRequest,
  id: string,
  entity: "order" | "order_exchange" | "order_claim" = "order"
): Promise<PricingContext | null> {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  let orderId = id
  if (entity !== "order") {
    const { data: [change] } = await query.graph({ entity, fields: ["order_id"], filters: { id } })
    if (!change) {
      return null
    }
    orderId = (change as any).order_id
  }
  const { data: [order] } = await query.graph({ entity: "order", fields: ["currency_code", "region_id", "customer_id"], filters: { id: orderId } })
  return order ? { currency_code: order.currency_code, region_id: order.region_id, customer_id: order.customer_id } : null
}

/**
 * POST /store/carts/:id with a new region: Medusa deletes every custom-priced
 * line when a cart changes region (its price may be in another currency),
 * and a stay's price is custom. Before Medusa's handler runs, this moves the
 * cart to the new region itself with the stay lines kept (marked
 * Medusa-priced for the move, so the move keeps them and their holds), then
 * prices each stay in the new region again as its custom price. Medusa's
 * handler then finds the region already set and applies the rest of the
 * body. A stay the new region has no price for is left to Medusa's rule.
 */
export const keepStaysAcrossRegions = handled(async (req) => {
  const body = req.validatedBody as Body
  if (!body?.region_id) {
    return
  }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [cart] } = await query.graph({
    entity: "cart",
    fields: ["id", "region_id", "customer_id", "completed_at", "items.id", "items.variant_id", "items.quantity", "items.metadata", "items.is_custom_price"],
    filters: { id: req.params.id },
  })
  if (!cart || cart.completed_at || cart.region_id === body.region_id) {
    return
  }
  const { data: [region] } = await query.graph({ entity: "region", fields: ["id", "currency_code"], filters: { id: body.region_id } })
  if (!region) {
    return // Medusa answers the unknown region
  }
  const context = { currency_code: region.currency_code, region_id: region.id, customer_id: cart.customer_id }
  const stays: { id: string; quantity: number; price: StayPrice }[] = []
  for (const item of ((cart.items ?? []) as any[]).filter((i) => i?.is_custom_price && i.metadata?.booking_end_date)) {
    const price = await stayPrice(req.scope, item, context)
    if (price) {
      stays.push({ id: item.id, quantity: Number(item.quantity), price })
    }
  }
  if (!stays.length) {
    return
  }
  const carts = req.scope.resolve(Modules.CART)
  await carts.updateLineItems(stays.map(({ id }) => ({ id, is_custom_price: false })) as any)
  try {
    await updateCartWorkflow(req.scope).run({ input: { id: cart.id, region_id: region.id } })
  } catch (e) {
    await carts.updateLineItems(stays.map(({ id }) => ({ id, is_custom_price: true })) as any)
    throw e
  }
  for (const { id, quantity, price } of stays) {
    // A stay must never stay at one night's price: if it cannot be priced
    // again, it goes, as Medusa's own rule would have had it.
    const update = {
      quantity,
      unit_price: price.unit_price,
      ...(price.compare_at_unit_price !== null ? { compare_at_unit_price: price.compare_at_unit_price } : {}),
    }
    await updateLineItemInCartWorkflow(req.scope)
      .run({ input: { cart_id: cart.id, item_id: id, update } })
      .catch(async (e) => {
        await deleteLineItemsWorkflow(req.scope).run({ input: { cart_id: cart.id, ids: [id] } })
        throw e
      })
  }
})
