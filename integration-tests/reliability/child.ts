import type { ExecArgs } from "@medusajs/framework/types"
import { RESOURCE_BOOKING_MODULE } from "../../src/modules/resource_booking"
import type ResourceBookingModuleService from "../../src/modules/resource_booking/service"

// Run by crash.spec.ts with `medusa exec`, as a real app process it can kill -9.
export default async function child({ container }: ExecArgs) {
  const booking = container.resolve<ResourceBookingModuleService>(RESOURCE_BOOKING_MODULE)
  const mode = process.env.CHILD_MODE
  if (mode === "sweep") {
    const result = await booking.cleanupExpiredHolds({
      batchSize: Number(process.env.CHILD_BATCH || 100),
      trigger: "manual",
    })
    process.stdout.write(`CHILD_RESULT ${JSON.stringify({ ...result, expired_ids: undefined })}\n`)
  } else if (mode === "create") {
    const items = JSON.parse(process.env.CHILD_ITEMS!)
    process.stdout.write("CHILD_CREATING\n")
    await booking.placeHolds(items, { cart_id: "cart_crash" })
    process.stdout.write("CHILD_CREATED\n")
  } else if (mode === "health") {
    process.stdout.write(`CHILD_HEALTH ${JSON.stringify(await booking.getHealth())}\n`)
  }
}
