import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ORDER_LOCK } from "../utils/order-bookings"
import { syncOrderBookingsStep } from "../steps/sync-order-bookings"

export const reconcileOrderBookingsWorkflowId = "resource-booking-reconcile-order-bookings"

/**
 * Gives back what an order's booking lines no longer book (a return received,
 * an exchange or claim canceled) and takes nothing, under the order's lock.
 * Idempotent: the subscribers of Medusa's order events run it after the
 * commit, for changes that did not go through the plugin's own workflows.
 */
export const reconcileOrderBookingsWorkflow = createWorkflow(reconcileOrderBookingsWorkflowId, (input: { order_id: string }) => {
  acquireLockStep({ key: input.order_id, timeout: ORDER_LOCK.timeout, ttl: ORDER_LOCK.ttl })
  const result = syncOrderBookingsStep({ order_id: input.order_id, moment: "reconciled" })
  releaseLockStep({ key: input.order_id })
  return new WorkflowResponse(result)
})
