import type { MedusaContainer } from "@medusajs/framework/types"
import { setupStore, type StoreSetup } from "../../scripts/lib/store-setup"
import { adminHeaders, call } from "./http"

// Medusa's storefront checkout over HTTP, step by step as a storefront calls
// it. `headers` is an axios config carrying the publishable key, like the one
// storeHeaders() and publishableHeaders() return.
export type StoreHeaders = { headers: Record<string, string> }

export function publishableHeaders(store: StoreSetup): StoreHeaders {
  return { headers: { "x-publishable-api-key": store.publishable_key } }
}

/** What an HTTP test of the store starts from: an admin login, the store, its publishable key. */
export type TestStore = { admin: { headers: Record<string, string> }; store: StoreSetup; pk: StoreHeaders }

/**
 * Makes the admin login, the store and its key before each test (the test
 * runner empties the database after each) and hands them to `set`.
 */
export function beforeEachStore(api: any, getContainer: () => MedusaContainer, set: (t: TestStore) => void) {
  beforeEach(async () => {
    const admin = await adminHeaders(api, getContainer())
    const store = await setupStore(getContainer())
    set({ admin, store, pk: publishableHeaders(store) })
  })
}

/** A setup step that must succeed; its failure names the request and Medusa's message. */
async function must(request: Promise<any>, what: string) {
  const res = await call(request)
  if (res.status >= 400) {
    throw new Error(`${what}: ${res.status} ${res.data?.type ?? ""} ${res.data?.message ?? JSON.stringify(res.data)}`)
  }
  return res.data
}

// One shopper per cart: Medusa creates a guest customer for a new email, and
// carts created at once with the same email race for it (a 400 "already exists").
export async function createStoreCart(api: any, headers: StoreHeaders, store: StoreSetup) {
  const email = `shopper-${Math.random().toString(36).slice(2)}@example.com`
  const data = await must(
    api.post(
      "/store/carts",
      { region_id: store.region_id, sales_channel_id: store.sales_channel_id, email },
      headers
    ),
    "POST /store/carts"
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

/** Address, shipping method and a pp_system_default payment session: a cart ready to complete. */
export async function prepareCheckout(api: any, headers: StoreHeaders, cartId: string, store: StoreSetup) {
  const address = { shipping_address: SHIPPING_ADDRESS, billing_address: SHIPPING_ADDRESS }
  await must(api.post(`/store/carts/${cartId}`, address, headers), `POST /store/carts/${cartId}`)
  const options = await must(api.get(`/store/shipping-options?cart_id=${cartId}`, headers), "GET /store/shipping-options")
  const option = options.shipping_options.find((o: { id: string }) => o.id === store.shipping_option_id)
  if (!option) {
    throw new Error(`shipping option ${store.shipping_option_id} is not offered to cart ${cartId}`)
  }
  await must(
    api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: option.id }, headers),
    `POST /store/carts/${cartId}/shipping-methods`
  )
  const { payment_collection } = await must(
    api.post("/store/payment-collections", { cart_id: cartId }, headers),
    "POST /store/payment-collections"
  )
  await must(
    api.post(`/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, headers),
    `POST /store/payment-collections/${payment_collection.id}/payment-sessions`
  )
}

/** The completion's response, 4xx included: a refused checkout is a result, not a test failure. */
export async function completeCart(api: any, headers: StoreHeaders, cartId: string) {
  return await call(api.post(`/store/carts/${cartId}/complete`, {}, headers))
}

/** prepareCheckout, then completeCart. */
export async function checkoutCart(api: any, headers: StoreHeaders, cartId: string, store: StoreSetup) {
  await prepareCheckout(api, headers, cartId, store)
  return await completeCart(api, headers, cartId)
}
