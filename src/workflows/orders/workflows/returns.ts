import { confirmReturnReceiveWorkflow } from "@medusajs/medusa/core-flows"
import { withOrderBookings } from "../utils/with-order-bookings"

// A return of booking lines gives the received quantity back (a dismissed,
// damaged item too: nobody will sit in that seat) when the receive is
// confirmed; a partial return splits the booking. The order.return_received
// subscriber does the same for receives that do not go through this
// workflow (the store's own returns with receive_now), idempotently.

export const confirmReturnReceiveWithBookingsWorkflowId = "resource-booking-confirm-return-receive"
export const confirmReturnReceiveWithBookingsWorkflow = withOrderBookings(
  confirmReturnReceiveWithBookingsWorkflowId,
  confirmReturnReceiveWorkflow,
  "reconciled",
  (input: { return_id: string }) => ({ return_id: input.return_id })
)
