import {
  cancelBeginOrderExchangeWorkflow,
  cancelOrderExchangeWorkflow,
  confirmExchangeRequestWorkflow,
  orderExchangeAddNewItemWorkflow,
  removeItemExchangeActionWorkflow,
  updateExchangeAddItemWorkflow,
} from "@medusajs/medusa/core-flows"
import { withOrderBookings } from "../utils/with-order-bookings"

// Medusa's exchange workflows, each with the order's holds kept in the same
// workflow (utils/with-order-bookings.ts): an outbound booking line takes
// capacity when added (refused at once when there is none), is confirmed
// with the exchange and released when the exchange is canceled. Inbound
// items are a return: what comes back is given back when it is received.

const byExchange = (input: { exchange_id: string }) => ({ exchange_id: input.exchange_id })

export const exchangeAddOutboundItemsWithBookingsWorkflowId = "resource-booking-exchange-add-outbound-items"
export const exchangeAddOutboundItemsWithBookingsWorkflow = withOrderBookings(
  exchangeAddOutboundItemsWithBookingsWorkflowId,
  orderExchangeAddNewItemWorkflow,
  "changed",
  byExchange
)

export const exchangeUpdateOutboundItemWithBookingsWorkflowId = "resource-booking-exchange-update-outbound-item"
export const exchangeUpdateOutboundItemWithBookingsWorkflow = withOrderBookings(
  exchangeUpdateOutboundItemWithBookingsWorkflowId,
  updateExchangeAddItemWorkflow,
  "changed",
  byExchange
)

export const exchangeRemoveOutboundItemWithBookingsWorkflowId = "resource-booking-exchange-remove-outbound-item"
export const exchangeRemoveOutboundItemWithBookingsWorkflow = withOrderBookings(
  exchangeRemoveOutboundItemWithBookingsWorkflowId,
  removeItemExchangeActionWorkflow,
  "changed",
  byExchange
)

export const confirmExchangeWithBookingsWorkflowId = "resource-booking-confirm-exchange"
export const confirmExchangeWithBookingsWorkflow = withOrderBookings(
  confirmExchangeWithBookingsWorkflowId,
  confirmExchangeRequestWorkflow,
  "confirmed",
  byExchange
)

export const cancelExchangeRequestWithBookingsWorkflowId = "resource-booking-cancel-exchange-request"
export const cancelExchangeRequestWithBookingsWorkflow = withOrderBookings(
  cancelExchangeRequestWithBookingsWorkflowId,
  cancelBeginOrderExchangeWorkflow,
  "canceled",
  byExchange
)

export const cancelExchangeWithBookingsWorkflowId = "resource-booking-cancel-exchange"
export const cancelExchangeWithBookingsWorkflow = withOrderBookings(
  cancelExchangeWithBookingsWorkflowId,
  cancelOrderExchangeWorkflow,
  "reconciled",
  byExchange
)
