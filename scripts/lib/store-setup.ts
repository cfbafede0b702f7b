import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"

// What a storefront needs before a cart can be checked out: the demo seed and
// the HTTP tests share it, so both sell through the same store.
export type StoreSetup = {
  region_id: string
  sales_channel_id: string
  stock_location_id: string
  shipping_profile_id: string
  shipping_option_id: string
  publishable_key: string
}

const NAME = "Resource booking store"
const COUNTRIES = ["dk", "se", "de"]
const SHIPPING_AMOUNT = 5
// The module's registration key; a literal so this file needs nothing from src/.
const RESOURCE_BOOKING = "resource_booking"

// Every entity is looked up by its fixed name first, so a second call (a
// demo run on kept data, a seed that stopped half way) reuses what exists
// instead of tripping over unique names and countries.
async function findOrCreate<T>(find: () => Promise<T | undefined>, create: () => Promise<T>) {
  const found = await find()
  return found ? { value: found, created: false } : { value: await create(), created: true }
}

export async function setupStore(
  container: MedusaContainer,
  opts: { currency_code?: string } = {}
): Promise<StoreSetup> {
  const currency_code = (opts.currency_code || "eur").toLowerCase()
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const fulfillment = container.resolve(Modules.FULFILLMENT)

  const { value: channel } = await findOrCreate(
    async () => (await container.resolve(Modules.SALES_CHANNEL).listSalesChannels({ name: NAME }))[0],
    async () =>
      (await createSalesChannelsWorkflow(container).run({ input: { salesChannelsData: [{ name: NAME }] } })).result[0]
  )

  const { value: region } = await findOrCreate(
    async () => (await container.resolve(Modules.REGION).listRegions({ name: NAME }))[0],
    async () =>
      (
        await createRegionsWorkflow(container).run({
          input: {
            regions: [{ name: NAME, currency_code, countries: COUNTRIES, payment_providers: ["pp_system_default"] }],
          },
        })
      ).result[0]
  )
  if (region.currency_code !== currency_code) {
    throw new Error(`region "${NAME}" exists with currency ${region.currency_code}, not ${currency_code}`)
  }

  // Without a tax region per country Medusa computes no tax lines; with the
  // system provider and no rates they are zero, as in Medusa's starter.
  const taxRegions = await container.resolve(Modules.TAX).listTaxRegions({ country_code: COUNTRIES })
  const missing = COUNTRIES.filter((c) => !taxRegions.some((t) => t.country_code === c && !t.parent_id))
  if (missing.length) {
    await createTaxRegionsWorkflow(container).run({
      input: missing.map((country_code) => ({ country_code, provider_id: "tp_system" })),
    })
  }

  const { value: location, created: newLocation } = await findOrCreate(
    async () => (await container.resolve(Modules.STOCK_LOCATION).listStockLocations({ name: NAME }))[0],
    async () =>
      (
        await createStockLocationsWorkflow(container).run({
          input: { locations: [{ name: NAME, address: { city: "Copenhagen", country_code: "DK", address_1: "" } }] },
        })
      ).result[0]
  )
  if (newLocation) {
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
      [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
    })
    await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: location.id, add: [channel.id] } })
  }

  const { value: profile } = await findOrCreate(
    async () => (await fulfillment.listShippingProfiles({ name: NAME }))[0],
    async () =>
      (
        await createShippingProfilesWorkflow(container).run({
          input: { data: [{ name: NAME, type: "default" }] },
        })
      ).result[0]
  )

  const { value: fulfillmentSet, created: newSet } = await findOrCreate(
    async () => (await fulfillment.listFulfillmentSets({ name: NAME }, { relations: ["service_zones"] }))[0],
    async () =>
      await fulfillment.createFulfillmentSets({
        name: NAME,
        type: "shipping",
        service_zones: [{ name: NAME, geo_zones: COUNTRIES.map((country_code) => ({ type: "country" as const, country_code })) }],
      })
  )
  if (newSet) {
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
      [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
    })
  }

  const { value: option } = await findOrCreate(
    async () => (await fulfillment.listShippingOptions({ name: NAME }))[0],
    async () =>
      (
        await createShippingOptionsWorkflow(container).run({
          input: [
            {
              name: NAME,
              price_type: "flat",
              provider_id: "manual_manual",
              service_zone_id: fulfillmentSet.service_zones[0].id,
              shipping_profile_id: profile.id,
              type: { label: "Standard", description: "Tickets by e-mail.", code: "standard" },
              prices: [
                { currency_code, amount: SHIPPING_AMOUNT },
                { region_id: region.id, amount: SHIPPING_AMOUNT },
              ],
              rules: [
                { attribute: "enabled_in_store", value: "true", operator: "eq" },
                { attribute: "is_return", value: "false", operator: "eq" },
              ],
            },
          ],
        })
      ).result[0]
  )

  const { value: key, created: newKey } = await findOrCreate(
    async () => (await container.resolve(Modules.API_KEY).listApiKeys({ title: NAME, type: "publishable" }))[0],
    async () =>
      (
        await createApiKeysWorkflow(container).run({
          input: { api_keys: [{ title: NAME, type: "publishable", created_by: "store-setup" }] },
        })
      ).result[0]
  )
  if (newKey) {
    await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: key.id, add: [channel.id] } })
  }

  await makeStoreDefault(container, { currency_code, sales_channel_id: channel.id, region_id: region.id, location_id: location.id })

  return {
    region_id: region.id,
    sales_channel_id: channel.id,
    stock_location_id: location.id,
    shipping_profile_id: profile.id,
    shipping_option_id: option.id,
    publishable_key: key.token,
  }
}

// The admin's product and price forms and the storefront's defaults read the
// store's currencies, default region and default sales channel.
async function makeStoreDefault(
  container: MedusaContainer,
  ids: { currency_code: string; sales_channel_id: string; region_id: string; location_id: string }
) {
  const [store] = await container.resolve(Modules.STORE).listStores({}, { relations: ["supported_currencies"] })
  if (!store) {
    return
  }
  const others = (store.supported_currencies || [])
    .filter((c) => c.currency_code !== ids.currency_code)
    .map((c) => ({ currency_code: c.currency_code, is_default: false }))
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: {
        supported_currencies: [{ currency_code: ids.currency_code, is_default: true }, ...others],
        default_sales_channel_id: ids.sales_channel_id,
        default_region_id: ids.region_id,
        default_location_id: ids.location_id,
      },
    },
  })
}

export async function createBookableProduct(
  container: MedusaContainer,
  store: StoreSetup,
  input: { title: string; handle?: string; variants: { title: string; price: number; resource_id?: string | null }[] }
): Promise<{ product_id: string; variant_ids: string[] }> {
  const region = await container.resolve(Modules.REGION).retrieveRegion(store.region_id)
  const { result } = await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title: input.title,
          handle: input.handle,
          status: ProductStatus.PUBLISHED,
          shipping_profile_id: store.shipping_profile_id,
          sales_channels: [{ id: store.sales_channel_id }],
          options: [{ title: "Ticket", values: input.variants.map((v) => v.title) }],
          variants: input.variants.map((v) => ({
            title: v.title,
            options: { Ticket: v.title },
            // Capacity is the resource's, not stock at a location.
            manage_inventory: false,
            prices: [{ amount: v.price, currency_code: region.currency_code }],
          })),
        },
      ],
    },
  })
  const product = result[0]
  // Created variants do not keep the input's order; their titles are unique.
  const variant_ids = input.variants.map((v) => product.variants.find((pv) => pv.title === v.title)!.id)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  for (const [i, v] of input.variants.entries()) {
    if (v.resource_id) {
      await link.create({
        [Modules.PRODUCT]: { product_variant_id: variant_ids[i] },
        [RESOURCE_BOOKING]: { resource_id: v.resource_id },
      })
    }
  }
  return { product_id: product.id, variant_ids }
}
