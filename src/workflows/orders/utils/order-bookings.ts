import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { notFound, sameKey, type BookingLine } from "../../../modules/resource_booking"
import { bookingLinesOf, type BookableItem } from "../../bookings/utils/booking-lines"

export type OrderState = {
  order: { id: string; status: string; is_draft_order: boolean; customer_id: string | null }
  /** The order's items now (current version), each quantity what is ordered minus what came back. */
  items: BookableItem[]
}

export type OrderChangeState = {
  change_id: string
  /** The items as the change in progress would leave them (removed ones at quantity 0). */
  items: BookableItem[]
}

export { ORDER_LOCK } from "./order-lock"

/** A draft books but is not a live order: its holds stay active until it is converted. */
export const isDraft = (order: OrderState["order"]) => order.status === "draft" || order.is_draft_order

export async function readOrder(container: Pick<MedusaContainer, "resolve">, orderId: string): Promise<OrderState> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [order],
  } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "status",
      "is_draft_order",
      "customer_id",
      "items.id",
      "items.title",
      "items.variant_id",
      "items.quantity",
      "items.metadata",
      // An order item's quantities live on its detail (the order_item row of the order's version).
      "items.detail.quantity",
      // An order change that sets metadata writes the order_item's, which wins over the line's.
      "items.detail.metadata",
      "items.detail.return_received_quantity",
      "items.detail.return_dismissed_quantity",
    ],
    filters: { id: orderId },
  })
  if (!order) {
    notFound(`Order with id "${orderId}" was not found`)
  }
  // Typed loosely: Medusa's generated query types exist only after a build.
  const items = ((order.items ?? []) as any[]).filter(Boolean).map((i) => ({
    id: i.id,
    title: i.title,
    variant_id: i.variant_id,
    metadata: i.detail?.metadata ?? i.metadata,
    quantity:
      Number(i.detail?.quantity ?? i.quantity) -
      Number(i.detail?.return_received_quantity ?? 0) -
      Number(i.detail?.return_dismissed_quantity ?? 0),
  }))
  return {
    order: { id: order.id, status: order.status, is_draft_order: !!order.is_draft_order, customer_id: order.customer_id ?? null },
    items,
  }
}

/** The order's change in progress (an edit, a draft's edit, an exchange, a claim) and its preview, or null. */
export async function readOrderChange(container: Pick<MedusaContainer, "resolve">, orderId: string): Promise<OrderChangeState | null> {
  const orders = container.resolve(Modules.ORDER)
  const [change] = await orders.listOrderChanges({ order_id: orderId, status: ["pending", "requested"] }, { select: ["id"] })
  if (!change) {
    return null
  }
  const preview = (await orders.previewOrderChange(orderId)) as any
  const items = ((preview.items ?? []) as any[]).map((i) => ({
    id: i.id,
    title: i.title,
    variant_id: i.variant_id,
    metadata: i.metadata,
    quantity: Number(i.quantity),
  }))
  return { change_id: change.id, items }
}

/**
 * What a change in progress takes on top of what the order holds: per line,
 * what it adds (a new line, a raised quantity, or all of it when the line
 * moves to another day or slot). Lowered and removed lines give back only
 * when the change is confirmed.
 */
export async function changeExtras(
  container: Pick<MedusaContainer, "resolve">,
  current: BookableItem[],
  change: OrderChangeState
): Promise<BookingLine[]> {
  const was = await bookingLinesOf(container, current, () => false)
  const grows = (item: BookableItem) => {
    const before = current.find((c) => c.id === item.id)
    return !before || Number(item.quantity) > Number(before.quantity) || JSON.stringify(bookingKeyOf(item)) !== JSON.stringify(bookingKeyOf(before))
  }
  const lines = await bookingLinesOf(container, change.items, grows)
  return lines
    .map((line) => {
      // Per night: a stay moved or grown takes its new nights whole.
      const old = was.find((w) => w.line_item_id === line.line_item_id && sameKey(w, line))
      const extra = old ? line.quantity - old.quantity : line.quantity
      return { ...line, quantity: extra }
    })
    .filter((line) => line.quantity > 0)
}

const bookingKeyOf = (item: BookableItem) => [
  item.metadata?.booking_date ?? null,
  item.metadata?.booking_slot ?? null,
  item.metadata?.booking_end_date ?? null,
]
