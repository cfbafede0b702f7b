import { createHook, createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { HoldItemInput } from "../../../modules/resource_booking"
import { assertResourcesSoldStep } from "../steps/assert-resources-sold"
import { placeHoldsStep } from "../steps/place-holds"
import { validateCartStep } from "../steps/validate-cart"

export type CreateHoldsWorkflowInput = {
  items: HoldItemInput[]
  cart_id?: string | null
  customer_id?: string | null
  ttl_minutes?: number
  metadata?: Record<string, unknown> | null
  /**
   * A storefront's publishable key's sales channels: the cart must be one of
   * theirs and every resource sold in one of them (else 404).
   */
  sales_channel_ids?: string[] | null
}

export const createHoldsWorkflowId = "resource-booking-create-holds"

/**
 * Holds capacity for a cart, all items or none. The `holdsCreated` hook runs
 * after the capacity is taken: a handler that throws (say, a rule of the
 * store) undoes the holds and gives the capacity back.
 */
export const createHoldsWorkflow = createWorkflow(createHoldsWorkflowId, (input: CreateHoldsWorkflowInput) => {
  const cart = validateCartStep({ cart_id: input.cart_id, sales_channel_ids: input.sales_channel_ids })
  assertResourcesSoldStep({
    resource_ids: transform({ input }, ({ input }) => input.items.map((i) => i.resource_id)),
    sales_channel_ids: input.sales_channel_ids,
  })
  const placeInput = transform({ input, cart }, ({ input, cart }) => ({
    items: input.items,
    options: {
      ttlMinutes: input.ttl_minutes,
      cart_id: input.cart_id ?? null,
      customer_id: input.customer_id ?? cart?.customer_id ?? null,
      metadata: input.metadata ?? null,
    },
  }))
  const holds = placeHoldsStep(placeInput)
  const holdsCreated = createHook("holdsCreated", { holds, input })
  return new WorkflowResponse(holds, { hooks: [holdsCreated] })
})
