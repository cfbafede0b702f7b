import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { assertCartOwnsHoldsStep } from "../steps/assert-cart-owns-holds"
import { validateCartStep } from "../steps/validate-cart"
import { releaseHoldsStep } from "../steps/release-holds"

export const releaseHoldsWorkflowId = "resource-booking-release-holds"

/**
 * active → released, giving the capacity back; a hold that is confirmed,
 * expired or canceled is refused (400), changing nothing. With `cart_id`
 * (store routes), only that cart's holds; without it (admin), any hold.
 */
export const releaseHoldsWorkflow = createWorkflow(
  releaseHoldsWorkflowId,
  (input: { ids: string[]; cart_id?: string | null; sales_channel_ids?: string[] | null }) => {
    validateCartStep({ cart_id: input.cart_id, sales_channel_ids: input.sales_channel_ids })
    assertCartOwnsHoldsStep({ ids: input.ids, cart_id: input.cart_id })
    return new WorkflowResponse(releaseHoldsStep({ ids: input.ids }))
  }
)
