import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingModule } from "../../modules/resource_booking"
import { readCartBookings } from "../carts/utils/read-cart-bookings"
import { sharedHooks, type SharedHookRun } from "./shared-hooks"

/**
 * Cart completion, before Medusa creates the order: in one transaction every
 * booking line gets an active hold (a lapsed one is taken again when the
 * capacity is free), holds that cover no line are released, and the holds
 * are confirmed. A refusal throws: no order is created and no payment is
 * authorized. The same runs when a payment webhook completes the cart (the
 * workflow engine runs this workflow with its hooks there too).
 *
 * The order does not exist yet, so its id is written on the holds right
 * after, by the order.placed subscriber (or whatever reads the order's
 * bookings first: carts/utils/bind-checkout-orders.ts). Should a later step
 * fail (the payment is declined, say), the compensation takes the holds
 * back to active with the expiry they had, so the shopper can retry.
 *
 * Medusa's loyalty plugin takes this workflow's other two hooks; a store's
 * own `validate` rule goes through sharedHooks.completeCartValidate.
 */
completeCartWorkflow.hooks.validate(
  async (input, { container }) => {
    const cart = input.cart as { id: string; completed_at?: Date | string | null }
    // A repeated completion of a completed cart returns its order: nothing to do.
    if (cart.completed_at) {
      return new StepResponse(undefined, { store: [] as SharedHookRun, confirmed: [] as string[] })
    }
    const store = await sharedHooks.completeCartValidate.run(input as any, { container })
    try {
      const { lines } = await readCartBookings(container, cart.id)
      const service = bookingModule(container)
      if (!lines.length && !(await service.cartHasActiveHolds(cart.id))) {
        return new StepResponse(undefined, { store, confirmed: [] as string[] })
      }
      const result = await service.syncCartHolds(cart.id, lines, { confirm: true, customer_id: (input.cart as any).customer_id })
      return new StepResponse(undefined, { store, confirmed: result.confirmed })
    } catch (e) {
      await sharedHooks.completeCartValidate.compensate(store, { container })
      throw e
    }
  },
  async (done: { store: SharedHookRun; confirmed: string[] } | undefined, { container }) => {
    if (done?.confirmed.length) {
      await bookingModule(container).unconfirmHolds(done.confirmed)
    }
    await sharedHooks.completeCartValidate.compensate(done?.store, { container })
  }
)
