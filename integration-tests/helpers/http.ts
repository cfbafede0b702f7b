import { Modules } from "@medusajs/framework/utils"
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

/** A publishable API key, as a storefront sends it. */
export async function storeHeaders(container: MedusaContainer) {
  const [key] = await container
    .resolve(Modules.API_KEY)
    .createApiKeys([{ title: "Storefront", type: "publishable", created_by: "test" }])
  return { headers: { "x-publishable-api-key": key.token } }
}

export async function createCart(container: MedusaContainer) {
  return await container
    .resolve(Modules.CART)
    .createCarts({ currency_code: "usd", email: "shopper@example.com" })
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
