import { cancelOrderWorkflow } from "@medusajs/medusa/core-flows"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingModule } from "../../modules/resource_booking"
import { bindCheckoutOrders } from "../carts/utils/bind-checkout-orders"
import { sharedHooks } from "./shared-hooks"

/**
 * A canceled order gives its bookings back: confirmed → canceled, capacity
 * restored. The transition is conditional on `confirmed`, so canceling twice
 * changes nothing. The last step of Medusa's cancel workflow: nothing after
 * it can fail and call for a way back. Medusa's own plugins leave this hook
 * free; a store's handler goes through sharedHooks.orderCanceled.
 */
cancelOrderWorkflow.hooks.orderCanceled(async (input, { container }) => {
  await sharedHooks.orderCanceled.run(input as any, { container })
  // An order canceled right after checkout may not carry its id on its holds yet.
  await bindCheckoutOrders(container, { orders: [input.order.id] })
  return new StepResponse(await bookingModule(container).cancelOrderHolds(input.order.id))
})
