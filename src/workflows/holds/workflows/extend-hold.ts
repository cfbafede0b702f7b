import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { assertCartOwnsHoldsStep } from "../steps/assert-cart-owns-holds"
import { extendHoldStep } from "../steps/extend-hold"

export const extendHoldWorkflowId = "resource-booking-extend-hold"

/** Moves an active hold's expiry later; with `cart_id`, only that cart's hold. */
export const extendHoldWorkflow = createWorkflow(
  extendHoldWorkflowId,
  (input: { id: string; minutes?: number; cart_id?: string | null }) => {
    assertCartOwnsHoldsStep({ ids: [input.id], cart_id: input.cart_id })
    return new WorkflowResponse(extendHoldStep({ id: input.id, minutes: input.minutes }))
  }
)
