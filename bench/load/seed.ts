import type { ExecArgs } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import fs from "fs"
import { createBookableProduct, setupStore, type StoreSetup } from "../../scripts/lib/store-setup"
import { RESOURCE_BOOKING_MODULE } from "../../src/modules/resource_booking"
import type ResourceBookingModuleService from "../../src/modules/resource_booking/service"

export type Seed = {
  /** 20 resources with a capacity of 25 a day for 30 days, sold in the store's channel, for the holds API. */
  resources: string[]
  /** 64 carts (usd, no region, the store's sales channel) that hold through the holds API. */
  carts: string[]
  /** Carts of the store's region and sales channel, empty, for the checkout rows. */
  checkout_carts: string[]
  email: string
  password: string
  /** The store's publishable key (its sales channel sells both products). */
  key: string
  store: StoreSetup
  /** A variant that books nothing, and one that books `bookable_resource` (capacity 1,000,000 a day, 60 days). */
  plain_variant: string
  bookable_variant: string
  bookable_resource: string
  from: string
  to: string
}

// Run by bench/app.ts through `medusa exec`: resources, capacity, carts, an
// admin login, the store the demo and the HTTP tests sell through, and a
// plain and a bookable product in it. SEED_CHECKOUT_CARTS sets how many
// empty checkout carts to make.
export default async function seed({ container }: ExecArgs) {
  const booking = container.resolve<ResourceBookingModuleService>(RESOURCE_BOOKING_MODULE)
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10)
  const from = day(0)
  const to = day(29)
  const store = await setupStore(container)
  const resources: string[] = []
  for (let i = 0; i < 20; i++) {
    const r = await booking.createResources({ title: `Load resource ${i}`, handle: `load-${i}` })
    await booking.setCapacity(r.id, { from, to, max_capacity: 25 })
    resources.push(r.id)
  }
  // The holds API reaches only what the key's sales channel sells.
  await createBookableProduct(container, store, {
    title: "Load resources",
    variants: resources.map((resource_id, i) => ({ title: `Resource ${i}`, price: 10, resource_id })),
  })
  const cartModule = container.resolve(Modules.CART)
  const carts = await cartModule.createCarts(
    Array.from({ length: 64 }, () => ({ currency_code: "usd", sales_channel_id: store.sales_channel_id }))
  )
  const tour = await booking.createResources({ title: "Checkout tour", handle: "checkout-tour" })
  await booking.setCapacity(tour.id, { from, to: day(59), max_capacity: 1_000_000 })
  const { variant_ids: [bookable, plain] } = await createBookableProduct(container, store, {
    title: "Checkout tour",
    variants: [
      { title: "Ticket", price: 45, resource_id: tour.id },
      { title: "Map", price: 5, resource_id: null },
    ],
  })
  // Created as Medusa's createCartWorkflow would leave a new guest cart:
  // region, currency, sales channel, email. Made in bulk here because
  // POST /store/carts is the slowest store route and is not what is measured.
  const region = await container.resolve(Modules.REGION).retrieveRegion(store.region_id)
  const count = Number(process.env.SEED_CHECKOUT_CARTS || 0)
  const checkout: string[] = []
  for (let i = 0; i < count; i += 500) {
    const made = await cartModule.createCarts(
      Array.from({ length: Math.min(500, count - i) }, (_, k) => ({
        currency_code: region.currency_code,
        region_id: region.id,
        sales_channel_id: store.sales_channel_id,
        email: `shopper-${i + k}@example.com`,
      }))
    )
    checkout.push(...made.map((c) => c.id))
  }

  const email = "load@example.com"
  const password = "load-password"
  const user = await container.resolve(Modules.USER).createUsers({ email })
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity } = await auth.register("emailpass", { body: { email, password } } as any)
  await auth.updateAuthIdentities({ id: authIdentity!.id, app_metadata: { user_id: user.id } })
  const result: Seed = {
    resources,
    carts: carts.map((c) => c.id),
    checkout_carts: checkout,
    email,
    password,
    key: store.publishable_key,
    store,
    plain_variant: plain,
    bookable_variant: bookable,
    bookable_resource: tour.id,
    from,
    to,
  }
  fs.writeFileSync(process.env.LOAD_SEED_FILE!, JSON.stringify(result))
}
