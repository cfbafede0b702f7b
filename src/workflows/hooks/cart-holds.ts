import { refreshCartItemsWorkflow } from "@medusajs/medusa/core-flows"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingModule } from "../../modules/resource_booking"
import { readCartBookings } from "../carts/utils/read-cart-bookings"

/**
 * Holds follow the cart. Medusa refreshes a cart's items at the end of every
 * workflow that changes them (add to cart, update or delete a line item,
 * update the cart), under the cart's lock, so this one hook sees every change
 * after it is made: a new or resized line takes its capacity, a removed line
 * gives it back. A refusal (no date, too little capacity) throws, and Medusa
 * undoes the whole change, so no line item is left without its hold.
 *
 * The cart workflows' own `validate` hooks stay free for the store's rules
 * (Medusa allows one handler per hook).
 */
refreshCartItemsWorkflow.hooks.beforeRefreshingPaymentCollection(
  async ({ input }, { container }) => {
    const { cart, lines } = await readCartBookings(container, input.cart_id)
    const service = bookingModule(container)
    if (cart.completed_at || (!lines.length && !(await service.cartHasActiveHolds(cart.id)))) {
      return new StepResponse(undefined, [] as string[])
    }
    const result = await service.syncCartHolds(cart.id, lines, {
      mode: "follow",
      customer_id: cart.customer_id,
    })
    return new StepResponse(undefined, result.created.map((h) => h.id))
  },
  // A later step of the cart workflow failed and its line items went back:
  // give back what this change took. Holds it released stay released; the
  // next change or checkout takes them again.
  async (created, { container }) => {
    if (created?.length) {
      await bookingModule(container).releaseHolds(created)
    }
  }
)
