import { cancelOrderWorkflow } from "@medusajs/medusa/core-flows"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingModule } from "../../modules/resource_booking"

/**
 * A canceled order gives its bookings back: confirmed → canceled, capacity
 * restored. The transition is conditional on `confirmed`, so canceling twice
 * changes nothing. The last step of Medusa's cancel workflow: nothing after
 * it can fail and call for a way back.
 */
cancelOrderWorkflow.hooks.orderCanceled(async ({ order }, { container }) => {
  return new StepResponse(await bookingModule(container).cancelOrderHolds(order.id))
})
