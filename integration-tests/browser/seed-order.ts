import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { beginOrderEditOrderWorkflow, requestOrderEditRequestWorkflow } from "@medusajs/medusa/core-flows"
import fs from "fs"
import { RESOURCE_BOOKING_MODULE } from "../../src/modules/resource_booking"
import type ResourceBookingModuleService from "../../src/modules/resource_booking/service"
import {
  bindCheckoutOrders,
  confirmOrderEditWithBookingsWorkflow,
  orderEditUpdateItemWithBookingsWorkflow,
} from "../../src/workflows"
import { checkoutInProcess } from "../../scripts/lib/checkout"
import { setupStore } from "../../scripts/lib/store-setup"

// Run by admin.spec.ts through `medusa exec` after the demo seed: an order
// from Medusa's own checkout for two seeded bookable variants, then an order
// edit that removes one of them, so the order has a confirmed booking and
// one canceled by the edit, and the books still balance.
export default async function seedOrder({ container }: ExecArgs) {
  const seed = JSON.parse(fs.readFileSync(process.env.DEMO_CREDENTIALS_FILE!, "utf8"))
  const [tour, room] = seed.products
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
  const store = await setupStore(container)
  const orderId = await checkoutInProcess(container, store, [
    { variant_id: tour.variants[0].id, quantity: 2, booking_date: day(10) },
    // The room is sold by the stay: three nights.
    { variant_id: room.variants[0].id, quantity: 1, booking_date: day(11), booking_end_date: day(14) },
  ])
  await bindCheckoutOrders(container, { orders: [orderId] })
  const booking = container.resolve<ResourceBookingModuleService>(RESOURCE_BOOKING_MODULE)
  const holds = await booking.listHolds({ order_id: orderId })
  const confirmed = holds.find((h) => h.resource_id === tour.resource_id)!
  // The stay's first night: the Bookings widget shows the stay as one row under its id.
  const canceled = holds.filter((h) => h.resource_id === room.resource_id).sort((a, b) => a.date.localeCompare(b.date))[0]

  // The operator removes the room from the order.
  await beginOrderEditOrderWorkflow(container).run({ input: { order_id: orderId } })
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: ["items.id", "items.variant_id"], filters: { id: orderId } })
  const roomLine = (data[0].items as any[]).find((i) => i.variant_id === room.variants[0].id)
  await orderEditUpdateItemWithBookingsWorkflow(container).run({ input: { order_id: orderId, items: [{ id: roomLine.id, quantity: 0 }] } })
  await requestOrderEditRequestWorkflow(container).run({ input: { order_id: orderId } })
  await confirmOrderEditWithBookingsWorkflow(container).run({ input: { order_id: orderId } })
  fs.writeFileSync(process.env.BROWSER_ORDER_FILE!, JSON.stringify({ order_id: orderId, confirmed: confirmed.id, canceled: canceled.id }))
}
