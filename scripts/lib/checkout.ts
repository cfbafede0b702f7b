import type { MedusaContainer } from "@medusajs/framework/types"
import {
  addShippingMethodToCartWorkflow,
  addToCartWorkflow,
  completeCartWorkflow,
  createCartWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
  updateCartWorkflow,
} from "@medusajs/medusa/core-flows"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { stayPrice } from "../../src/workflows"
import type { StoreSetup } from "./store-setup"

export type CheckoutLine = { variant_id: string; quantity: number; booking_date: string; booking_slot?: string; booking_end_date?: string }

const ADDRESS = { first_name: "Karen", last_name: "Blixen", address_1: "Rungstedvej 111", city: "Rungsted", postal_code: "2960", country_code: "dk" }

/**
 * A real order from Medusa's own cart and checkout workflows, run in-process
 * as the store routes run them (for seeds: `medusa exec` serves no HTTP):
 * cart, lines with their booking dates (a stay priced per night × nights, as
 * the store route's middleware prices it), address, shipping, a
 * pp_system_default payment session, completion. Returns the order's id.
 */
export async function checkoutInProcess(
  container: MedusaContainer,
  store: StoreSetup,
  lines: CheckoutLine[],
  email = "shopper@example.com"
): Promise<string> {
  const { result: cart } = await createCartWorkflow(container).run({
    input: { region_id: store.region_id, sales_channel_id: store.sales_channel_id, email },
  })
  const items = lines.map(({ variant_id, quantity, booking_date, booking_slot, booking_end_date }) => ({
    variant_id,
    quantity,
    metadata: { booking_date, ...(booking_slot && { booking_slot }), ...(booking_end_date && { booking_end_date }) },
  }))
  const context = { currency_code: cart.currency_code, region_id: cart.region_id }
  const priced = await Promise.all(
    items.map(async (item) => {
      const price = await stayPrice(container, item, context)
      return price ? { ...item, unit_price: price.unit_price } : item
    })
  )
  await addToCartWorkflow(container).run({ input: { cart_id: cart.id, items: priced } })
  await updateCartWorkflow(container).run({ input: { id: cart.id, shipping_address: ADDRESS, billing_address: ADDRESS } })
  await addShippingMethodToCartWorkflow(container).run({ input: { cart_id: cart.id, options: [{ id: store.shipping_option_id }] } })
  await createPaymentCollectionForCartWorkflow(container).run({ input: { cart_id: cart.id } })
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [withCollection] } = await query.graph({ entity: "cart", fields: ["payment_collection.id"], filters: { id: cart.id } })
  await createPaymentSessionsWorkflow(container).run({
    input: { payment_collection_id: (withCollection as any).payment_collection.id, provider_id: "pp_system_default" },
  })
  const { result } = await completeCartWorkflow(container).run({ input: { id: cart.id } })
  return result.id
}
