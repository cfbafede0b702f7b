import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

/** The cart must exist and not be completed; its customer goes on the holds. */
export const validateCartStep = createStep(
  "resource-booking-validate-cart",
  async (input: { cart_id: string }, { container }) => {
    const [cart] = await container
      .resolve(Modules.CART)
      .listCarts({ id: input.cart_id }, { select: ["id", "customer_id", "completed_at"] })
    if (!cart) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart with id "${input.cart_id}" was not found`)
    }
    if (cart.completed_at) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Cart ${cart.id} is already completed; holds can only be placed for an open cart`
      )
    }
    return new StepResponse({ id: cart.id, customer_id: cart.customer_id ?? null })
  }
)
