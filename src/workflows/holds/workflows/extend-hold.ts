import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { assertCartOwnsHoldsStep } from "../steps/assert-cart-owns-holds"
import { validateCartStep } from "../steps/validate-cart"
import { extendHoldStep } from "../steps/extend-hold"

export const extendHoldWorkflowId = "resource-booking-extend-hold"

/** Moves an active hold's expiry later; with `cart_id`, only that cart's hold. */
export const extendHoldWorkflow = createWorkflow(
  extendHoldWorkflowId,
  (input: { id: string; minutes?: number; cart_id?: string | null; sales_channel_ids?: string[] | null }) => {
    validateCartStep({ cart_id: input.cart_id, sales_channel_ids: input.sales_channel_ids })
    assertCartOwnsHoldsStep({ ids: [input.id], cart_id: input.cart_id })
    return new WorkflowResponse(extendHoldStep({ id: input.id, minutes: input.minutes }))
  }
)
