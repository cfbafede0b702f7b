import {
  cancelBeginOrderClaimWorkflow,
  cancelOrderClaimWorkflow,
  confirmClaimRequestWorkflow,
  orderClaimAddNewItemWorkflow,
  removeAddItemClaimActionWorkflow,
  updateClaimAddItemWorkflow,
} from "@medusajs/medusa/core-flows"
import { withOrderBookings } from "../utils/with-order-bookings"

// Medusa's claim workflows, each with the order's holds kept in the same
// workflow (utils/with-order-bookings.ts): an outbound booking line takes
// capacity when added (refused at once when there is none), is confirmed
// with the claim and released when the claim is canceled. Inbound
// items are a return: what comes back is given back when it is received;
// claimed items written off (not returned) keep their booking.

const byClaim = (input: { claim_id: string }) => ({ claim_id: input.claim_id })

export const claimAddOutboundItemsWithBookingsWorkflowId = "resource-booking-claim-add-outbound-items"
export const claimAddOutboundItemsWithBookingsWorkflow = withOrderBookings(
  claimAddOutboundItemsWithBookingsWorkflowId,
  orderClaimAddNewItemWorkflow,
  "changed",
  byClaim
)

export const claimUpdateOutboundItemWithBookingsWorkflowId = "resource-booking-claim-update-outbound-item"
export const claimUpdateOutboundItemWithBookingsWorkflow = withOrderBookings(
  claimUpdateOutboundItemWithBookingsWorkflowId,
  updateClaimAddItemWorkflow,
  "changed",
  byClaim
)

export const claimRemoveOutboundItemWithBookingsWorkflowId = "resource-booking-claim-remove-outbound-item"
export const claimRemoveOutboundItemWithBookingsWorkflow = withOrderBookings(
  claimRemoveOutboundItemWithBookingsWorkflowId,
  removeAddItemClaimActionWorkflow,
  "changed",
  byClaim
)

export const confirmClaimWithBookingsWorkflowId = "resource-booking-confirm-claim"
export const confirmClaimWithBookingsWorkflow = withOrderBookings(
  confirmClaimWithBookingsWorkflowId,
  confirmClaimRequestWorkflow,
  "confirmed",
  byClaim
)

export const cancelClaimRequestWithBookingsWorkflowId = "resource-booking-cancel-claim-request"
export const cancelClaimRequestWithBookingsWorkflow = withOrderBookings(
  cancelClaimRequestWithBookingsWorkflowId,
  cancelBeginOrderClaimWorkflow,
  "canceled",
  byClaim
)

export const cancelClaimWithBookingsWorkflowId = "resource-booking-cancel-claim"
export const cancelClaimWithBookingsWorkflow = withOrderBookings(
  cancelClaimWithBookingsWorkflowId,
  cancelOrderClaimWorkflow,
  "reconciled",
  byClaim
)
