import {
  acquireLockStep,
  beginOrderEditOrderWorkflow,
  confirmOrderEditRequestWorkflow,
  orderEditAddNewItemWorkflow,
  orderEditUpdateItemQuantityWorkflow,
  releaseLockStep,
  requestOrderEditRequestWorkflow,
} from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ORDER_LOCK } from "../utils/order-bookings"
import { prepareRescheduleStep, type RescheduleInput } from "../steps/prepare-reschedule"
import { readOrderChangeStep } from "../steps/read-order-change"
import { syncOrderBookingsStep } from "../steps/sync-order-bookings"

export const rescheduleBookingWorkflowId = "resource-booking-reschedule-booking"

/**
 * "Can we move to Thursday?": a confirmed booking (or `quantity` of it) moves
 * to another day and slot of its resource. It is an order edit, run through
 * Medusa's own workflows, so the order's line says the new day (the whole
 * line's metadata changes, or part of it becomes a new line at the same
 * price); the edit's confirm and the move of the holds (the old key's booking
 * canceled, the new key's confirmed, linked in their metadata) happen in one
 * transaction under both keys' locks, refused with everything undone when
 * the new key lacks capacity. Emits resource_booking.hold.rescheduled.
 */
export const rescheduleBookingWorkflow = createWorkflow(rescheduleBookingWorkflowId, (input: RescheduleInput) => {
  const plan = prepareRescheduleStep(input)
  const orderId = transform({ plan }, ({ plan }) => plan.order_id)
  acquireLockStep({ key: orderId, timeout: ORDER_LOCK.timeout, ttl: ORDER_LOCK.ttl })
  beginOrderEditOrderWorkflow.runAsStep({
    input: transform({ plan }, ({ plan }) => ({ order_id: plan.order_id, description: plan.description })),
  })
  orderEditUpdateItemQuantityWorkflow.runAsStep({
    input: transform({ plan }, ({ plan }) => ({
      order_id: plan.order_id,
      items: [
        plan.whole
          ? { id: plan.line_id, quantity: plan.line_quantity, metadata: plan.metadata }
          : { id: plan.line_id, quantity: plan.line_quantity - plan.quantity },
      ],
    })),
  })
  when("move-part-to-a-new-line", { plan }, ({ plan }) => !plan.whole).then(() => {
    orderEditAddNewItemWorkflow.runAsStep({
      input: transform({ plan }, ({ plan }) => ({
        order_id: plan.order_id,
        items: [{ variant_id: plan.variant_id, quantity: plan.quantity, unit_price: plan.unit_price, metadata: plan.metadata }],
      })),
    })
  })
  requestOrderEditRequestWorkflow.runAsStep({ input: { order_id: orderId } })
  const before = readOrderChangeStep({ order_id: orderId, moment: "confirmed" })
  confirmOrderEditRequestWorkflow.runAsStep({ input: { order_id: orderId } })
  const result = syncOrderBookingsStep({
    order_id: orderId,
    moment: "confirmed",
    before,
    options: transform({ plan }, ({ plan }) => ({ give_back_first: plan.hold_ids, reschedule: true })),
  })
  releaseLockStep({ key: orderId })
  return new WorkflowResponse(result)
})
