import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  addDays,
  bookingModule,
  invalid,
  isCalendarDay,
  nightsBetween,
  notAllowed,
  slotVerdict,
} from "../../../modules/resource_booking"
import { BOOKING_DATE_KEY, BOOKING_END_DATE_KEY, BOOKING_SLOT_KEY, bookedDays } from "../../bookings/utils/booking-lines"
import { bindCheckoutOrders } from "../../carts/utils/bind-checkout-orders"

export type RescheduleInput = { hold_id: string; date: string; slot?: string | null; quantity?: number }

export type ReschedulePlan = {
  order_id: string
  hold_id: string
  /** The holds the move gives back first: the booking's (a stay's every night). */
  hold_ids: string[]
  line_id: string
  /** The whole line moves (its metadata changes, its quantity stays); otherwise `quantity` of it moves to a new line. */
  whole: boolean
  line_quantity: number
  quantity: number
  variant_id: string
  unit_price: number
  metadata: Record<string, unknown>
  description: string
}

export const prepareRescheduleStepId = "resource-booking-prepare-reschedule"

/**
 * Checks a reschedule before anything changes and finds the order line the
 * booking belongs to: only a confirmed booking of a live order moves, to
 * another day (and slot) its resource sells, at most the booking's units.
 * A stay moves whole: `date` is its new first night, and it keeps its number
 * of nights (and so its price). Read only.
 */
export const prepareRescheduleStep = createStep(prepareRescheduleStepId, async (input: RescheduleInput, { container }) => {
  const booking = bookingModule(container)
  let hold = await booking.retrieveHold(input.hold_id)
  if (hold.status === "confirmed" && !hold.order_id && hold.cart_id) {
    await bindCheckoutOrders(container, { carts: [hold.cart_id] })
    hold = await booking.retrieveHold(input.hold_id)
  }
  if (hold.status !== "confirmed" || !hold.order_id) {
    notAllowed(`Hold ${hold.id} is ${hold.status}${hold.order_id ? "" : " and belongs to no order"}; only an order's confirmed booking can be rescheduled`)
  }
  const resource = await booking.retrieveResource(hold.resource_id, { select: ["id", "title", "slots"] })
  const slots = (resource.slots as string[] | null) ?? []
  const date = input.date
  if (!isCalendarDay(date)) {
    invalid(`date must be a calendar day as YYYY-MM-DD, got ${JSON.stringify(date)}`)
  }
  const slot = input.slot ?? ""
  if (slotVerdict(slots, slot) !== "ok") {
    invalid(
      slots.length
        ? `Resource "${resource.title}" is booked by the slot; slot must be one of ${slots.join(", ")}`
        : `Resource "${resource.title}" is booked by the whole day; leave slot out`
    )
  }
  const line = await orderLineOf(container, hold)
  // A stay (a line with booking_end_date): its first night and its nights.
  const start = (line.metadata[BOOKING_DATE_KEY] as string | undefined) ?? hold.date
  const nights = bookedDays(start, line.metadata[BOOKING_END_DATE_KEY])
  const stay = nights.length > 1
  if ((stay ? date === start : date === hold.date) && slot === hold.slot) {
    invalid(`The booking is already on ${date}${slot ? ` at ${slot}` : ""}`)
  }
  const quantity = input.quantity ?? hold.quantity
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > hold.quantity) {
    invalid(`quantity must be a whole number from 1 to ${hold.quantity} (the booking's units), got ${JSON.stringify(input.quantity)}`)
  }
  if (quantity > line.booked) {
    invalid(`quantity must be at most ${line.booked}, what the order line books`)
  }
  const end = stay ? addDays(date, nightsBetween(start, nights[nights.length - 1]) + 1) : null
  const metadata = {
    ...line.metadata,
    [BOOKING_DATE_KEY]: date,
    ...(slots.length ? { [BOOKING_SLOT_KEY]: slot } : {}),
    ...(end ? { [BOOKING_END_DATE_KEY]: end } : {}),
  }
  const holdIds = stay
    ? (
        await booking.listHolds(
          { order_id: hold.order_id, status: "confirmed", resource_id: hold.resource_id, line_item_id: hold.line_item_id, date: nights },
          { select: ["id"], take: null }
        )
      ).map((h) => h.id)
    : [hold.id]
  const from = stay ? `the stay of ${start} to ${addDays(nights[nights.length - 1], 1)}` : `${hold.date}${hold.slot ? ` ${hold.slot}` : ""}`
  const to = stay ? `${date} to ${end}` : `${date}${slot ? ` ${slot}` : ""}`
  return new StepResponse<ReschedulePlan>({
    order_id: hold.order_id,
    hold_id: hold.id,
    hold_ids: holdIds,
    line_id: line.id,
    whole: quantity === line.booked,
    line_quantity: line.quantity,
    quantity,
    variant_id: line.variant_id,
    unit_price: line.unit_price,
    metadata,
    description: `Rescheduled ${quantity} × ${resource.title} from ${from} to ${to}`,
  })
})

/** An order line: `quantity` ordered, `booked` what it books now (ordered minus what came back). */
type Line = { id: string; variant_id: string; quantity: number; booked: number; unit_price: number; metadata: Record<string, unknown> }

/**
 * The order line a confirmed hold books for: its own line (holds of drafts and
 * order changes carry the order's line), or, for a checkout's hold (which
 * carries the cart's line), the order line of the same variant on the same day.
 */
async function orderLineOf(
  container: MedusaContainer,
  hold: { id: string; order_id: string | null; line_item_id: string | null; date: string; slot: string }
): Promise<Line> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [order] } = await query.graph({
    entity: "order",
    fields: [
      "status",
      "is_draft_order",
      "items.id",
      "items.variant_id",
      "items.unit_price",
      "items.metadata",
      "items.detail.quantity",
      "items.detail.metadata",
      "items.detail.return_received_quantity",
      "items.detail.return_dismissed_quantity",
    ],
    filters: { id: hold.order_id! },
  })
  if (!order || order.status === "draft" || order.is_draft_order || order.status === "canceled") {
    notAllowed(`Order ${hold.order_id} is not a live order; only a live order's booking can be rescheduled`)
  }
  const lines: Line[] = ((order.items ?? []) as any[]).filter(Boolean).map((i) => ({
    id: i.id,
    variant_id: i.variant_id,
    quantity: Number(i.detail?.quantity ?? i.quantity),
    booked:
      Number(i.detail?.quantity ?? i.quantity) -
      Number(i.detail?.return_received_quantity ?? 0) -
      Number(i.detail?.return_dismissed_quantity ?? 0),
    unit_price: Number(i.unit_price),
    metadata: i.detail?.metadata ?? i.metadata ?? {},
  }))
  let line = lines.find((l) => l.id === hold.line_item_id)
  if (!line && hold.line_item_id) {
    const [cartLine] = await container.resolve(Modules.CART).listLineItems({ id: hold.line_item_id }, { select: ["variant_id"] })
    line = lines.find(
      (l) =>
        l.variant_id === cartLine?.variant_id &&
        isCalendarDay(l.metadata[BOOKING_DATE_KEY]) &&
        bookedDays(l.metadata[BOOKING_DATE_KEY] as string, l.metadata[BOOKING_END_DATE_KEY]).includes(hold.date) &&
        (l.metadata[BOOKING_SLOT_KEY] ?? "") === hold.slot
    )
  }
  return line ?? notAllowed(`No line of order ${hold.order_id} books hold ${hold.id}'s day; it cannot be rescheduled`)
}
