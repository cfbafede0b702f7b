import type { MedusaContainer } from "@medusajs/framework/types"
import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingModule } from "../../modules/resource_booking"
import { readCartBookings } from "../carts/utils/read-cart-bookings"

/**
 * Cart completion, after the order is created and before any payment is
 * authorized: in one transaction, every booking line gets an active hold
 * (a lapsed one is taken again when the capacity is free), holds that cover
 * no line are released, and the holds are confirmed with the order's id. A
 * refusal throws: Medusa deletes the order and authorizes nothing.
 *
 * One hook rather than `validate` then confirm: no moment exists in which a
 * checked hold could lapse before it is confirmed.
 */
// Medusa 2.21 creates this hook but leaves it out of the workflow's type.
type CompleteCartHooks = {
  beforePaymentAuthorization: (
    invoke: (input: { input: { id: string } }, context: { container: MedusaContainer }) => Promise<StepResponse<undefined, string[]>>,
    compensate: (confirmed: string[] | undefined, context: { container: MedusaContainer }) => Promise<void>
  ) => void
}

;(completeCartWorkflow.hooks as unknown as CompleteCartHooks).beforePaymentAuthorization(
  async ({ input }, { container }) => {
    const { cart, lines } = await readCartBookings(container, input.id)
    const service = bookingModule(container)
    if (!lines.length && !(await service.cartHasActiveHolds(cart.id))) {
      return new StepResponse(undefined, [] as string[])
    }
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order_cart",
      fields: ["order_id"],
      filters: { cart_id: cart.id },
    })
    const result = await service.syncCartHolds(cart.id, lines, {
      order_id: data[0].order_id,
      customer_id: cart.customer_id,
    })
    return new StepResponse(undefined, result.confirmed)
  },
  // The payment was not authorized and the order is gone: so are its bookings.
  async (confirmed, { container }) => {
    if (confirmed?.length) {
      await bookingModule(container).cancelHolds(confirmed)
    }
  }
)
