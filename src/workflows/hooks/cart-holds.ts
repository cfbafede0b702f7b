import { refreshPaymentCollectionForCartWorkflow } from "@medusajs/medusa/core-flows"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingModule } from "../../modules/resource_booking"
import { readCartBookings } from "../carts/utils/read-cart-bookings"
import { sharedHooks, type SharedHookRun } from "./shared-hooks"

/**
 * Holds follow the cart. Medusa refreshes a cart's payment collection at the
 * end of every workflow that changes its items (add to cart, update or
 * delete a line item, update the cart, transfer it, a promotion) and when it
 * creates a cart, after the items are written and under the cart's lock:
 * this hook sees every change. A new or resized line takes its capacity, a
 * removed line gives it back; a refusal (no date, too little capacity)
 * throws and Medusa undoes the whole change, so no line item is left without
 * its hold. Its compensation gives back what this change took, for the rare
 * case in which a later step of the cart workflow fails.
 *
 * `refreshCartItemsWorkflow`'s own hooks are left to Medusa's loyalty plugin
 * and the store; handlers for this one go through sharedHooks.cartValidate.
 */
refreshPaymentCollectionForCartWorkflow.hooks.validate(
  async (input, { container }) => {
    const store = await sharedHooks.cartValidate.run(input as any, { container })
    const cartId = (input.input as { cart_id?: string }).cart_id ?? (input.cart as { id: string }).id
    const { cart, lines } = await readCartBookings(container, cartId, "follow")
    const service = bookingModule(container)
    if (cart.completed_at || (!lines.length && !(await service.cartHasActiveHolds(cart.id)))) {
      return new StepResponse(undefined, { store, created: [] as string[] })
    }
    try {
      const result = await service.syncCartHolds(cart.id, lines, { mode: "follow", customer_id: cart.customer_id })
      return new StepResponse(undefined, { store, created: result.created.map((h) => h.id) })
    } catch (e) {
      await sharedHooks.cartValidate.compensate(store, { container })
      throw e
    }
  },
  // Holds this change released stay released; the next change or checkout takes them again.
  async (done: { store: SharedHookRun; created: string[] } | undefined, { container }) => {
    if (done?.created.length) {
      await bookingModule(container).releaseHolds(done.created)
    }
    await sharedHooks.cartValidate.compensate(done?.store, { container })
  }
)
