import type { ExecArgs } from "@medusajs/framework/types"
import { createOrderWorkflow } from "@medusajs/medusa/core-flows"
import fs from "fs"
import { RESOURCE_BOOKING_MODULE } from "../../src/modules/resource_booking"
import type ResourceBookingModuleService from "../../src/modules/resource_booking/service"

// Run by admin.spec.ts through `medusa exec` after the demo seed: an order
// for a seeded bookable variant through Medusa's own workflow, with the
// bookings a checkout would leave (one confirmed, one whose capacity went
// back when part of the order was canceled).
const ADDRESS = { first_name: "Karen", last_name: "Blixen", address_1: "Rungstedvej 111", city: "Rungsted", postal_code: "2960", country_code: "dk" }

export default async function seedOrder({ container }: ExecArgs) {
  const seed = JSON.parse(fs.readFileSync(process.env.DEMO_CREDENTIALS_FILE!, "utf8"))
  const [tour, room] = seed.products
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
  const { result: order } = await createOrderWorkflow(container).run({
    input: {
      region_id: seed.region_id,
      sales_channel_id: seed.sales_channel_id,
      email: "shopper@example.com",
      shipping_address: ADDRESS,
      billing_address: ADDRESS,
      items: [
        { variant_id: tour.variants[0].id, quantity: 2, metadata: { booking_date: day(10) } },
        { variant_id: room.variants[0].id, quantity: 1, metadata: { booking_date: day(11) } },
      ],
    } as any,
  })
  const booking = container.resolve<ResourceBookingModuleService>(RESOURCE_BOOKING_MODULE)
  const [confirmed, canceled] = await booking.placeHolds([
    { resource_id: tour.resource_id, date: day(10), quantity: 2 },
    { resource_id: room.resource_id, date: day(11), quantity: 1 },
  ])
  await booking.confirmHolds([confirmed.id, canceled.id], { order_id: order.id })
  await booking.cancelHolds([canceled.id])
  fs.writeFileSync(
    process.env.BROWSER_ORDER_FILE!,
    JSON.stringify({ order_id: order.id, confirmed: confirmed.id, canceled: canceled.id })
  )
}
