import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingModule, type OrderHoldsResult, type OrderHoldsTarget } from "../../../modules/resource_booking"
import { bookingLinesOf } from "../../bookings/utils/booking-lines"
import { bindCheckoutOrders } from "../../carts/utils/bind-checkout-orders"
import { changeExtras, isDraft, readOrder, readOrderChange } from "../utils/order-bookings"
import type { OrderChangeBefore } from "./read-order-change"

/**
 * When in an order's life the sync runs, after Medusa's own workflow:
 * - `created`: a draft was created with its lines;
 * - `changed`: a line of the change in progress was added, updated or removed;
 * - `confirmed`: that change was confirmed (an edit, a draft's edit);
 * - `canceled`: that change was canceled;
 * - `converted`: a draft became a live order;
 * - `deleted`: a draft was deleted;
 * - `reconciled`: Medusa changed the order's lines in a way that can only
 *   lower them (a return received, an exchange or a claim canceled): what the
 *   lines no longer book is given back, nothing is taken.
 */
export type OrderBookingsMoment = "created" | "changed" | "confirmed" | "canceled" | "converted" | "deleted" | "reconciled"

export type SyncOrderBookingsStepInput = {
  order_id: string
  moment: OrderBookingsMoment
  before?: OrderChangeBefore
  /** How to give back and link (a reschedule names the booking it moves). */
  options?: Pick<OrderHoldsTarget, "give_back_first" | "reschedule">
}

export const syncOrderBookingsStepId = "resource-booking-sync-order-bookings"

/**
 * Makes the order's holds match its booking lines at this moment
 * (docs/commerce.md, "Every order path"); a refusal throws, and Medusa's
 * workflow before it is compensated: nothing changes. The last step that
 * changes anything in its workflow, so it needs no compensation.
 */
export const syncOrderBookingsStep = createStep(
  syncOrderBookingsStepId,
  async ({ order_id, moment, before, options }: SyncOrderBookingsStepInput, { container }) => {
    const at = await targetAt(container, order_id, moment, before)
    const target = at && { ...at, ...options }
    const result: OrderHoldsResult | null = target ? await bookingModule(container).syncOrderHolds(order_id, target) : null
    return new StepResponse(result)
  }
)

async function targetAt(
  container: Parameters<typeof readOrder>[0],
  orderId: string,
  moment: OrderBookingsMoment,
  before?: OrderChangeBefore
): Promise<OrderHoldsTarget | null> {
  if (moment === "deleted") {
    return { lines: [], status: "active", scope: "order" }
  }
  if (moment === "canceled") {
    return before?.change_id ? { lines: [], status: "active", scope: "change", change_id: before.change_id } : null
  }
  // A live order's checkout holds carry its id once bound; bind before counting them.
  await bindCheckoutOrders(container, { orders: [orderId] })
  const { order, items } = await readOrder(container, orderId)
  const customer_id = order.customer_id
  if (moment === "changed") {
    const change = await readOrderChange(container, orderId)
    if (!change) {
      return null
    }
    const lines = await changeExtras(container, items, change)
    return { lines, status: "active", scope: "change", change_id: change.change_id, customer_id }
  }
  const status = isDraft(order) ? "active" : "confirmed"
  if (moment === "reconciled") {
    return { lines: await bookingLinesOf(container, items, () => false), status, scope: "order", take_lines: [], customer_id }
  }
  if (moment === "confirmed") {
    const taking = new Set(before?.taking ?? [])
    const lines = await bookingLinesOf(container, items, (item) => taking.has(item.id))
    return { lines, status, scope: "order", take_lines: [...taking], customer_id }
  }
  // created, converted: every line must hold (a lapsed draft hold is taken again).
  return { lines: await bookingLinesOf(container, items), status, scope: "order", customer_id }
}
