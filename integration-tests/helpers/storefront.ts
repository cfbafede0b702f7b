import type { StoreSetup } from "../../scripts/lib/store-setup"
import { call } from "./http"

// Medusa's storefront checkout over HTTP, step by step as a storefront calls
// it. `headers` is an axios config carrying the publishable key, like the one
// storeHeaders() and publishableHeaders() return.
export type StoreHeaders = { headers: Record<string, string> }

export function publishableHeaders(store: StoreSetup): StoreHeaders {
  return { headers: { "x-publishable-api-key": store.publishable_key } }
}

export async function createStoreCart(api: any, headers: StoreHeaders, store: StoreSetup) {
  const { data } = await api.post(
    "/store/carts",
    { region_id: store.region_id, sales_channel_id: store.sales_channel_id, email: "shopper@example.com" },
    headers
  )
  return data.cart
}

/** The response, 4xx included: refusals are what booking tests look at. */
export async function addLineItem(
  api: any,
  headers: StoreHeaders,
  cartId: string,
  body: { variant_id: string; quantity: number; metadata?: Record<string, unknown> }
) {
  return await call(api.post(`/store/carts/${cartId}/line-items`, body, headers))
}

export const SHIPPING_ADDRESS = {
  first_name: "Karen",
  last_name: "Blixen",
  address_1: "Rungstedvej 111",
  city: "Rungsted",
  postal_code: "2960",
  country_code: "dk",
}

/**
 * Address, shipping method, a pp_system_default payment session, then
 * completion. The steps before completion throw on failure (the cart is not
 * what the test meant); the completion's response comes back, 4xx included.
 */
export async function checkoutCart(api: any, headers: StoreHeaders, cartId: string, store: StoreSetup) {
  await prepareCheckout(api, headers, cartId, store)
  return await completeCart(api, headers, cartId)
}

/** Completion alone: the response, 4xx included. */
export async function completeCart(api: any, headers: StoreHeaders, cartId: string) {
  return await call(api.post(`/store/carts/${cartId}/complete`, {}, headers))
}

/** Everything a storefront does before completion: address, shipping, payment session. */
export async function prepareCheckout(api: any, headers: StoreHeaders, cartId: string, store: StoreSetup) {
  await api.post(`/store/carts/${cartId}`, { shipping_address: SHIPPING_ADDRESS, billing_address: SHIPPING_ADDRESS }, headers)
  const { data: options } = await api.get(`/store/shipping-options?cart_id=${cartId}`, headers)
  const option = options.shipping_options.find((o: { id: string }) => o.id === store.shipping_option_id)
  if (!option) {
    throw new Error(`shipping option ${store.shipping_option_id} is not offered to cart ${cartId}`)
  }
  await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: option.id }, headers)
  const { data: pc } = await api.post("/store/payment-collections", { cart_id: cartId }, headers)
  await api.post(
    `/store/payment-collections/${pc.payment_collection.id}/payment-sessions`,
    { provider_id: "pp_system_default" },
    headers
  )
}
