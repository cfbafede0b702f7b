import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { changeExtras, readOrder, readOrderChange } from "../utils/order-bookings"

export type OrderChangeBefore = {
  /** The change in progress before the core workflow ran. */
  change_id: string | null
  /** Its lines that take capacity: added, raised, or moved to another day. */
  taking: string[]
}

export const readOrderChangeStepId = "resource-booking-read-order-change"

/**
 * What an order's change in progress is before a core workflow confirms or
 * cancels it. Read only. Only a confirm takes capacity, so only then are the
 * lines it takes read (and each must be bookable); canceling needs the
 * change's id alone, and is never refused because a line became invalid.
 */
export const readOrderChangeStep = createStep(
  readOrderChangeStepId,
  async (input: { order_id: string; moment: "confirmed" | "canceled" }, { container }) => {
    const change = await readOrderChange(container, input.order_id)
    if (!change || input.moment === "canceled") {
      return new StepResponse<OrderChangeBefore>({ change_id: change?.change_id ?? null, taking: [] })
    }
    const { items } = await readOrder(container, input.order_id)
    const extras = await changeExtras(container, items, change)
    return new StepResponse<OrderChangeBefore>({ change_id: change.change_id, taking: extras.map((l) => l.line_item_id) })
  }
)
