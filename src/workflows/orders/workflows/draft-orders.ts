import {
  addDraftOrderItemsWorkflow,
  cancelDraftOrderEditWorkflow,
  confirmDraftOrderEditWorkflow,
  convertDraftOrderWorkflow,
  createOrderWorkflow,
  deleteDraftOrdersWorkflow,
  removeDraftOrderActionItemWorkflow,
  updateDraftOrderActionItemWorkflow,
  updateDraftOrderItemWorkflow,
} from "@medusajs/medusa/core-flows"
import { withOrderBookings } from "../utils/with-order-bookings"

const byOrder = (input: { order_id: string }) => ({ order_id: input.order_id })

// Medusa's draft-order workflows, each with the draft's holds kept in the same
// workflow (utils/with-order-bookings.ts). The routes under /admin/draft-orders
// that add, change or remove lines run these instead of Medusa's own.

export const createDraftOrderWithBookingsWorkflowId = "resource-booking-create-draft-order"
/** A draft's booking lines hold capacity with their resource's TTL, or the draft is not created. */
export const createDraftOrderWithBookingsWorkflow = withOrderBookings(
  createDraftOrderWithBookingsWorkflowId,
  createOrderWorkflow,
  "created",
  () => ({})
)

export const addDraftOrderItemsWithBookingsWorkflowId = "resource-booking-add-draft-order-items"
export const addDraftOrderItemsWithBookingsWorkflow = withOrderBookings(
  addDraftOrderItemsWithBookingsWorkflowId,
  addDraftOrderItemsWorkflow,
  "changed",
  byOrder
)

export const updateDraftOrderItemWithBookingsWorkflowId = "resource-booking-update-draft-order-item"
export const updateDraftOrderItemWithBookingsWorkflow = withOrderBookings(
  updateDraftOrderItemWithBookingsWorkflowId,
  updateDraftOrderItemWorkflow,
  "changed",
  byOrder
)

export const updateDraftOrderActionItemWithBookingsWorkflowId = "resource-booking-update-draft-order-action-item"
export const updateDraftOrderActionItemWithBookingsWorkflow = withOrderBookings(
  updateDraftOrderActionItemWithBookingsWorkflowId,
  updateDraftOrderActionItemWorkflow,
  "changed",
  byOrder
)

export const removeDraftOrderActionItemWithBookingsWorkflowId = "resource-booking-remove-draft-order-action-item"
export const removeDraftOrderActionItemWithBookingsWorkflow = withOrderBookings(
  removeDraftOrderActionItemWithBookingsWorkflowId,
  removeDraftOrderActionItemWorkflow,
  "changed",
  byOrder
)

export const confirmDraftOrderEditWithBookingsWorkflowId = "resource-booking-confirm-draft-order-edit"
/** The edit's lines join the draft's holds (one that lapsed is taken again, or the confirm is refused); lowered lines give back. */
export const confirmDraftOrderEditWithBookingsWorkflow = withOrderBookings(
  confirmDraftOrderEditWithBookingsWorkflowId,
  confirmDraftOrderEditWorkflow,
  "confirmed",
  byOrder
)

export const cancelDraftOrderEditWithBookingsWorkflowId = "resource-booking-cancel-draft-order-edit"
export const cancelDraftOrderEditWithBookingsWorkflow = withOrderBookings(
  cancelDraftOrderEditWithBookingsWorkflowId,
  cancelDraftOrderEditWorkflow,
  "canceled",
  byOrder
)

export const convertDraftOrderWithBookingsWorkflowId = "resource-booking-convert-draft-order"
/** Every booking line confirmed (a lapsed hold taken again), or the conversion is refused and the draft stays a draft. */
export const convertDraftOrderWithBookingsWorkflow = withOrderBookings(
  convertDraftOrderWithBookingsWorkflowId,
  convertDraftOrderWorkflow,
  "converted",
  (input: { id: string }) => ({ order_id: input.id })
)

export const deleteDraftOrderWithBookingsWorkflowId = "resource-booking-delete-draft-order"
/** The draft goes (Medusa emits nothing), and with it what it held. */
export const deleteDraftOrderWithBookingsWorkflow = withOrderBookings(
  deleteDraftOrderWithBookingsWorkflowId,
  deleteDraftOrdersWorkflow,
  "deleted",
  (input: { order_ids: string[] }) => ({ order_id: input.order_ids[0] })
)
