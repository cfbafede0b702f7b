import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { readOrderChangeStep } from "../steps/read-order-change"
import { ORDER_LOCK } from "./order-bookings"
import { resolveOrderStep, type OrderRef } from "../steps/resolve-order"
import { syncOrderBookingsStep, type OrderBookingsMoment } from "../steps/sync-order-bookings"

type CoreWorkflow = { runAsStep: (args: { input: any }) => any }

/**
 * One of Medusa's order workflows with the bookings kept in the same
 * workflow (docs/commerce.md): under the order's lock (a nested workflow
 * skips its own), Medusa's workflow runs as a step, then the order's holds
 * are made to match; a refusal compensates Medusa's steps, so the change and
 * the capacity happen together or not at all. Its result is Medusa's.
 */
export function withOrderBookings<Input>(
  id: string,
  core: CoreWorkflow,
  moment: OrderBookingsMoment,
  orderOf: (input: Input) => OrderRef
) {
  // The composition is typed loosely: Medusa's workflow-data types do not follow a generic input.
  return createWorkflow(id, (input: any) => {
    const orderId = resolveOrderStep(transform({ input }, ({ input }) => orderOf(input as Input)))
    const locked = transform({ orderId }, ({ orderId }) => !!orderId)
    when("lock-order", { locked }, ({ locked }) => locked).then(() => {
      acquireLockStep({ key: orderId, timeout: ORDER_LOCK.timeout, ttl: ORDER_LOCK.ttl })
    })
    const before =
      moment === "confirmed" || moment === "canceled"
        ? readOrderChangeStep({ order_id: orderId, moment })
        : transform({}, () => undefined)
    const result = core.runAsStep({ input })
    // A draft created here gets its id from Medusa's workflow.
    const syncedId = transform({ orderId, result }, ({ orderId, result }) => orderId || result?.id)
    syncOrderBookingsStep({ order_id: syncedId, moment, before } as any)
    when("unlock-order", { locked }, ({ locked }) => locked).then(() => {
      releaseLockStep({ key: orderId })
    })
    return new WorkflowResponse(result)
  })
}
