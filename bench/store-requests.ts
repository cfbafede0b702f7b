import { prepareCheckout, publishableHeaders } from "../integration-tests/helpers/storefront"
import { drive, request } from "./drive"
import { fetchApi } from "./fetch-api"
import type { Seed } from "./load/seed"
import { dayFromToday as day } from "./spread-keys"

export type CartKind = "plain" | "bookable"

/**
 * One request of each kind the HTTP benchmarks compare, against the app
 * bench/app.ts started: Medusa's own store routes, the plugin's, and the
 * cart steps with a plain or a bookable variant. Holds go to `keys` in turn.
 */
export function storeRequests(base: string, seed: Seed, keys: [string, string][]) {
  const headers = { "x-publishable-api-key": seed.key }
  return {
    regions: () => request(`${base}/store/regions`, { headers }),
    hold: (i: number) => {
      const [resource_id, date] = keys[i % keys.length]
      return request(`${base}/store/resource-booking/holds`, {
        method: "POST",
        headers,
        body: { cart_id: seed.carts[i % seed.carts.length], resource_id, date, quantity: 1 },
      })
    },
    availability: () =>
      request(
        `${base}/store/resource-booking/variants/${seed.bookable_variant}/availability?from=${day(1)}&to=${day(31)}`,
        { headers },
        (d) => d.availability.length === 31
      ),
    add: (kind: CartKind, cart: string, i: number) =>
      request(`${base}/store/carts/${cart}/line-items`, {
        method: "POST",
        headers,
        body:
          kind === "plain"
            ? { variant_id: seed.plain_variant, quantity: 1 }
            : { variant_id: seed.bookable_variant, quantity: 1, metadata: { booking_date: day(1 + (i % 30)) } },
      }),
    complete: (cart: string) =>
      request(`${base}/store/carts/${cart}/complete`, { method: "POST", headers, body: {} }, (d) => d.type === "order"),
    health: () => request(`${base}/health`, {}),
  }
}

/** Address, shipping and payment session for each cart (the tests' own steps), 8 at a time; untimed. */
export async function prepareCarts(base: string, seed: Seed, carts: string[]) {
  const api = fetchApi(base)
  const done = await drive({ clients: 8, jobs: carts }, async (cart) => {
    await prepareCheckout(api, publishableHeaders(seed.store), cart!, seed.store)
    return { ok: true }
  })
  if (done.failed) {
    throw new Error(`preparing ${done.failed} of ${carts.length} carts failed: ${done.first_failure}`)
  }
}
