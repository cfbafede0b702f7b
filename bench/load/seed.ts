import type { ExecArgs } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createApiKeysWorkflow } from "@medusajs/medusa/core-flows"
import fs from "fs"
import { RESOURCE_BOOKING_MODULE } from "../../src/modules/resource_booking"
import type ResourceBookingModuleService from "../../src/modules/resource_booking/service"

// Run by bench/load/run.ts through `medusa exec`: resources, capacity, carts,
// an admin login and a publishable key for the load clients.
export default async function seed({ container }: ExecArgs) {
  const booking = container.resolve<ResourceBookingModuleService>(RESOURCE_BOOKING_MODULE)
  const from = new Date().toISOString().slice(0, 10)
  const to = new Date(Date.now() + 29 * 86_400_000).toISOString().slice(0, 10)
  const resources: string[] = []
  for (let i = 0; i < 20; i++) {
    const r = await booking.createResources({ title: `Load resource ${i}`, handle: `load-${i}` })
    await booking.setCapacity(r.id, { from, to, max_capacity: 25 })
    resources.push(r.id)
  }
  const carts = await container
    .resolve(Modules.CART)
    .createCarts(Array.from({ length: 64 }, () => ({ currency_code: "usd" })))
  const email = "load@example.com"
  const password = "load-password"
  const user = await container.resolve(Modules.USER).createUsers({ email })
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity } = await auth.register("emailpass", { body: { email, password } } as any)
  await auth.updateAuthIdentities({ id: authIdentity!.id, app_metadata: { user_id: user.id } })
  const { result } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: "load", type: "publishable", created_by: "load" }] },
  })
  fs.writeFileSync(
    process.env.LOAD_SEED_FILE!,
    JSON.stringify({ resources, carts: carts.map((c) => c.id), email, password, key: result[0].token, from, to })
  )
}
