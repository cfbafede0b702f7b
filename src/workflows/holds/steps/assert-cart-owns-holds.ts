import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingModule, notFound } from "../../../modules/resource_booking"

export const assertCartOwnsHoldsStepId = "resource-booking-assert-cart-owns-holds"

/**
 * A cart may only touch its own holds. Another cart's hold answers exactly
 * like an unknown one (404), so hold ids cannot be probed.
 */
export const assertCartOwnsHoldsStep = createStep(
  assertCartOwnsHoldsStepId,
  async (input: { ids: string[]; cart_id?: string | null }, { container }) => {
    if (!input.cart_id) {
      return new StepResponse(undefined)
    }
    const holds = await bookingModule(container).listHolds({ id: input.ids, cart_id: input.cart_id }, { select: ["id"] })
    const owned = new Set(holds.map((h) => h.id))
    const foreign = input.ids.find((id) => !owned.has(id))
    if (foreign) {
      notFound(`Hold with id "${foreign}" was not found`)
    }
    return new StepResponse(undefined)
  }
)
