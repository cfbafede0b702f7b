import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

/** What names the order a workflow changes: the order, or its exchange, claim or return. */
export type OrderRef = { order_id?: string; exchange_id?: string; claim_id?: string; return_id?: string }

export const resolveOrderStepId = "resource-booking-resolve-order"

/** The order's id, for the lock and the bookings (empty while a draft is yet to be created). Read only. */
export const resolveOrderStep = createStep(resolveOrderStepId, async (ref: OrderRef, { container }) => {
  const orders = container.resolve(Modules.ORDER)
  const id = ref.order_id
    ? ref.order_id
    : ref.exchange_id
      ? (await orders.retrieveOrderExchange(ref.exchange_id, { select: ["order_id"] })).order_id
      : ref.claim_id
        ? (await orders.retrieveOrderClaim(ref.claim_id, { select: ["order_id"] })).order_id
        : ref.return_id
          ? (await orders.retrieveReturn(ref.return_id, { select: ["order_id"] })).order_id
          : ""
  return new StepResponse(id)
})
