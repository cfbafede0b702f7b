import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createProductsWorkflow,
  createSalesChannelsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
} from "@medusajs/medusa/core-flows"
import { RESOURCE_BOOKING_MODULE } from "../../src/modules/resource_booking/constants"
import type { MedusaContainer } from "@medusajs/framework/types"

// Env the app reads from medusa-config.ts and the job file at boot. The test
// runner loads the config before it applies its own `env`, so set them here,
// before the runner starts. The weekly schedule keeps the real job from firing
// in the middle of a test; tests run the job themselves.
export function prepareAppEnv(extra: Record<string, string> = {}) {
  Object.assign(process.env, {
    MEDUSA_DISABLE_TELEMETRY: "true",
    MEDUSA_ADMIN_DISABLE: "true",
    HOLD_CLEANUP_INTERVAL: "0 0 * * 0",
    ...extra,
  })
}

/** Logs in through Medusa's own emailpass route and returns admin request headers. */
export async function adminHeaders(api: any, container: MedusaContainer) {
  const email = `admin-${Math.random().toString(36).slice(2)}@example.com`
  const password = "correct-horse-battery"
  const users = container.resolve(Modules.USER)
  const auth = container.resolve(Modules.AUTH)
  const user = await users.createUsers({ email })
  const { authIdentity } = await auth.register("emailpass", { body: { email, password } } as any)
  await auth.updateAuthIdentities({ id: authIdentity!.id, app_metadata: { user_id: user.id } })
  const { data } = await api.post("/auth/user/emailpass", { email, password })
  return { headers: { authorization: `Bearer ${data.token}` } }
}

/**
 * A storefront as the holds API sees it: a sales channel and a publishable key
 * scoped to it. Pass it as the axios config of store requests; the holds API
 * reaches only carts of its channel and resources it sells (sellResources).
 */
export type TestStorefront = { headers: Record<string, string>; sales_channel_id: string }

export async function storeHeaders(container: MedusaContainer): Promise<TestStorefront> {
  const {
    result: [channel],
  } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: `Storefront ${Math.random().toString(36).slice(2)}` }] },
  })
  const [key] = await container
    .resolve(Modules.API_KEY)
    .createApiKeys([{ title: "Storefront", type: "publishable", created_by: "test" }])
  await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: key.id, add: [channel.id] } })
  return { headers: { "x-publishable-api-key": key.token }, sales_channel_id: channel.id }
}

/** An open cart in the storefront's sales channel (or in none, for tests of other carts). */
export async function createCart(container: MedusaContainer, store: { sales_channel_id?: string } = {}) {
  return await container.resolve(Modules.CART).createCarts({
    currency_code: "usd",
    email: "shopper@example.com",
    sales_channel_id: store.sales_channel_id,
  })
}

/** Sells the resources in the storefront's channel: a published product whose variants book them. */
export async function sellResources(
  container: MedusaContainer,
  store: TestStorefront,
  resourceIds: string[],
  status: ProductStatus = ProductStatus.PUBLISHED
) {
  const titles = resourceIds.map((_, i) => `Ticket ${i + 1}`)
  const {
    result: [product],
  } = await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title: `Sold ${Math.random().toString(36).slice(2)}`,
          status,
          sales_channels: [{ id: store.sales_channel_id }],
          options: [{ title: "Ticket", values: titles }],
          variants: titles.map((title) => ({ title, options: { Ticket: title }, manage_inventory: false, prices: [] })),
        },
      ],
    },
  })
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const variantIds = titles.map((title) => product.variants.find((v) => v.title === title)!.id)
  await link.create(
    resourceIds.map((resource_id, i) => ({
      [Modules.PRODUCT]: { product_variant_id: variantIds[i] },
      [RESOURCE_BOOKING_MODULE]: { resource_id },
    }))
  )
  return variantIds
}

/** Records the events of these names that the app emits from now on. */
export function recordEvents(container: MedusaContainer, names: string[]) {
  const seen: { name: string; data: any }[] = []
  const bus = container.resolve(Modules.EVENT_BUS)
  for (const name of names) {
    bus.subscribe(name, async (event: any) => {
      seen.push({ name, data: event.data })
    }, { subscriberId: `test-recorder-${name}-${Math.random()}` })
  }
  return seen
}

/** The error body of a failed axios call, or the response of a good one. */
export async function call(p: Promise<any>) {
  return await p.then(
    (r) => r,
    (e) => {
      if (!e.response) throw e
      return e.response
    }
  )
}
