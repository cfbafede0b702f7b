import {
  cancelBeginOrderEditWorkflow,
  confirmOrderEditRequestWorkflow,
  orderEditAddNewItemWorkflow,
  orderEditUpdateItemQuantityWorkflow,
  removeItemOrderEditActionWorkflow,
  updateOrderEditAddItemWorkflow,
} from "@medusajs/medusa/core-flows"
import { withOrderBookings } from "../utils/with-order-bookings"

// Medusa's order-edit workflows, each with the order's holds kept in the same
// workflow (utils/with-order-bookings.ts). A line added or raised takes
// capacity at once, held for the edit; the confirm confirms it (taken again
// if it lapsed) and gives back what lowered or removed lines no longer book.

const byOrder = (input: { order_id: string }) => ({ order_id: input.order_id })

export const orderEditAddItemsWithBookingsWorkflowId = "resource-booking-order-edit-add-items"
export const orderEditAddItemsWithBookingsWorkflow = withOrderBookings(
  orderEditAddItemsWithBookingsWorkflowId,
  orderEditAddNewItemWorkflow,
  "changed",
  byOrder
)

export const orderEditUpdateItemWithBookingsWorkflowId = "resource-booking-order-edit-update-item"
export const orderEditUpdateItemWithBookingsWorkflow = withOrderBookings(
  orderEditUpdateItemWithBookingsWorkflowId,
  orderEditUpdateItemQuantityWorkflow,
  "changed",
  byOrder
)

export const orderEditUpdateAddedItemWithBookingsWorkflowId = "resource-booking-order-edit-update-added-item"
export const orderEditUpdateAddedItemWithBookingsWorkflow = withOrderBookings(
  orderEditUpdateAddedItemWithBookingsWorkflowId,
  updateOrderEditAddItemWorkflow,
  "changed",
  byOrder
)

export const orderEditRemoveActionWithBookingsWorkflowId = "resource-booking-order-edit-remove-action"
export const orderEditRemoveActionWithBookingsWorkflow = withOrderBookings(
  orderEditRemoveActionWithBookingsWorkflowId,
  removeItemOrderEditActionWorkflow,
  "changed",
  byOrder
)

export const confirmOrderEditWithBookingsWorkflowId = "resource-booking-confirm-order-edit"
export const confirmOrderEditWithBookingsWorkflow = withOrderBookings(
  confirmOrderEditWithBookingsWorkflowId,
  confirmOrderEditRequestWorkflow,
  "confirmed",
  byOrder
)

export const cancelOrderEditWithBookingsWorkflowId = "resource-booking-cancel-order-edit"
export const cancelOrderEditWithBookingsWorkflow = withOrderBookings(
  cancelOrderEditWithBookingsWorkflowId,
  cancelBeginOrderEditWorkflow,
  "canceled",
  byOrder
)
