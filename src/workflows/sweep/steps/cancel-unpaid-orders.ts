import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingModule, errorMessage, OrderEvents } from "../../../modules/resource_booking"
import { judgeUnpaidOrder } from "../utils/unpaid-order"

export const cancelUnpaidOrdersStepId = "resource-booking-cancel-unpaid-orders"

export type CancelUnpaidOrdersInput = { run_id: string; dry_run: boolean }
export type CancelUnpaidOrdersResult = { unpaid_canceled: number; error: string | null }

/**
 * The sweep's second part (docs/design.md §2.7): orders whose bookings are
 * still unpaid unpaidOrderTimeoutMinutes after they were confirmed are
 * canceled through Medusa's cancel workflow (payments voided, bookings
 * given back by the plugin's cancel path, Medusa's events sent), each judged
 * once. One order's failure is recorded and does not stop the others; it is
 * judged again next run. No compensation: each cancel is Medusa's own
 * workflow, committed when it returns.
 */
export const cancelUnpaidOrdersStep = createStep(
  cancelUnpaidOrdersStepId,
  async (input: CancelUnpaidOrdersInput, { container }) => {
    const booking = bookingModule(container)
    const options = booking.getOptions()
    if (options.unpaidOrderTimeoutMinutes <= 0) {
      return new StepResponse<CancelUnpaidOrdersResult>({ unpaid_canceled: 0, error: null })
    }
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    const events = container.resolve(Modules.EVENT_BUS)
    const announce = async (order_id: string, verdict: { payment_status: string; late_refund?: boolean }) => {
      const holds = await booking.listHolds({ order_id, status: "canceled" }, { select: ["id"] })
      logger.warn(
        `resource-booking canceled order ${order_id}: payment ${verdict.payment_status} ${options.unpaidOrderTimeoutMinutes} min after its bookings were confirmed` +
          (verdict.late_refund ? "; a payment captured while it was being canceled was refunded" : "")
      )
      await events.emit({
        name: OrderEvents.UNPAID_CANCELED,
        data: { id: order_id, payment_status: verdict.payment_status, hold_ids: holds.map((h) => h.id), late_refund: !!verdict.late_refund },
      })
    }
    let canceled = 0
    const judged: string[] = []
    const errors: string[] = []
    let candidates: { order_id: string }[] = []
    try {
      candidates = await booking.listUnjudgedOrders()
    } catch (e) {
      errors.push(errorMessage(e))
    }
    for (const { order_id } of candidates) {
      try {
        const verdict = await judgeUnpaidOrder(container, order_id, options, input.dry_run)
        if (verdict.action === "cancel") {
          canceled++
        }
        if (input.dry_run) {
          continue
        }
        judged.push(order_id)
        if (verdict.action === "cancel") {
          await announce(order_id, verdict)
        }
      } catch (e) {
        errors.push(`order ${order_id}: ${errorMessage(e)}`)
      }
    }
    const error = errors.length ? `unpaid orders: ${errors.join("; ")}` : null
    try {
      await booking.markOrdersJudged(judged)
      await booking.recordUnpaidOrders(input.run_id, { canceled, error })
    } catch (e) {
      // The database went away mid-run: the orders are judged again next run.
      logger.error(`resource-booking unpaid orders not recorded: ${errorMessage(e)}`)
    }
    return new StepResponse<CancelUnpaidOrdersResult>({ unpaid_canceled: canceled, error })
  }
)
