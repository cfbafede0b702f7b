import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { notAllowed, notFound } from "../../../modules/resource_booking"

export const validateCartStepId = "resource-booking-validate-cart"

export type ValidateCartStepInput = {
  cart_id?: string | null
  /** A storefront's publishable key's sales channels: a cart of another channel is not found. */
  sales_channel_ids?: string[] | null
}

/**
 * The cart, when one is given, must exist (in the storefront's sales
 * channels, when they are given) and not be completed; its customer goes on
 * the holds. Without a cart (holds made by other workflows) it passes. The
 * step decides this itself rather than behind `when`, which would cost every
 * hold an extra conditional step in the workflow engine.
 */
export const validateCartStep = createStep(
  validateCartStepId,
  async (input: ValidateCartStepInput, { container }) => {
    if (!input.cart_id) {
      return new StepResponse(null)
    }
    const [cart] = await container
      .resolve(Modules.CART)
      .listCarts({ id: input.cart_id }, { select: ["id", "customer_id", "completed_at", "sales_channel_id"] })
    if (!cart || (input.sales_channel_ids && !input.sales_channel_ids.includes(cart.sales_channel_id ?? ""))) {
      notFound(`Cart with id "${input.cart_id}" was not found`)
    }
    if (cart.completed_at) {
      notAllowed(`Cart ${cart.id} is already completed; holds can only be placed for an open cart`)
    }
    return new StepResponse({ id: cart.id, customer_id: cart.customer_id ?? null })
  }
)
