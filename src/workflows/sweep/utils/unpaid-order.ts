import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, Modules, PaymentCollectionStatus } from "@medusajs/framework/utils"
import { cancelOrderWorkflow, getLastPaymentStatus, refundPaymentsWorkflow } from "@medusajs/medusa/core-flows"
import type { ResourceBookingOptions } from "../../../modules/resource_booking"
import { ORDER_LOCK } from "../../orders/utils/order-lock"

/** What the unpaid-order step decided about one order. */
export type UnpaidVerdict =
  | { action: "keep"; why: "paid" | "source" | "fulfilled" | "canceled" | "gone"; payment_status?: string }
  | { action: "cancel"; payment_status: string; late_refund?: boolean }

export type UnpaidOrderFacts = {
  id: string
  status: string
  currency_code: string
  cart?: { id: string } | null
  fulfillments?: { canceled_at: string | Date | null }[] | null
  payment_collections?: { id: string; status: string; amount: unknown; captured_amount?: unknown; refunded_amount?: unknown }[] | null
}

const FIELDS = [
  "id",
  "status",
  "currency_code",
  "cart.id",
  "fulfillments.canceled_at",
  "payment_collections.id",
  "payment_collections.status",
  "payment_collections.amount",
  "payment_collections.captured_amount",
  "payment_collections.refunded_amount",
]

/** Medusa computes an order's payment status (it is no column): from its payment collections, as its order routes do. */
export const paymentStatusOf = (order: UnpaidOrderFacts) =>
  getLastPaymentStatus({ ...order, payment_collections: order.payment_collections ?? [] } as any) as string

/**
 * The rule, pure: "checkout" orders came from a cart; every other one (a
 * converted draft, an order made in the admin or by a script) is "draft".
 * Medusa refuses to cancel an order with a fulfillment, so those are kept.
 */
export function unpaidVerdict(order: UnpaidOrderFacts | undefined, options: ResourceBookingOptions): UnpaidVerdict {
  if (!order) {
    return { action: "keep", why: "gone" }
  }
  if (order.status === "canceled") {
    return { action: "keep", why: "canceled" }
  }
  if (!options.unpaidOrderSources.includes(order.cart?.id ? "checkout" : "draft")) {
    return { action: "keep", why: "source" }
  }
  if ((order.fulfillments ?? []).some((f) => !f.canceled_at)) {
    return { action: "keep", why: "fulfilled" }
  }
  const payment_status = paymentStatusOf(order)
  if (!(options.unpaidPaymentStatuses as string[]).includes(payment_status)) {
    return { action: "keep", why: "paid", payment_status }
  }
  return { action: "cancel", payment_status }
}

/**
 * Refunds what was captured and not refunded on a canceled order (Medusa's own
 * cancel does so for what it saw; this is for a capture that landed while it
 * ran). True when there was something to refund.
 */
async function refundLateCaptures(container: MedusaContainer, orderId: string): Promise<boolean> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["payment_collections.payments.id", "payment_collections.payments.captures.amount", "payment_collections.payments.refunds.amount"],
    filters: { id: orderId },
  })
  const owed = (data[0]?.payment_collections ?? [])
    .flatMap((c: any) => c?.payments ?? [])
    .map((p: any) => ({
      payment_id: p.id as string,
      amount: MathBN.sub(
        (p.captures ?? []).reduce((sum: any, c: any) => MathBN.add(sum, c.amount), MathBN.convert(0)),
        (p.refunds ?? []).reduce((sum: any, r: any) => MathBN.add(sum, r.amount), MathBN.convert(0))
      ),
    }))
    .filter((p: { amount: any }) => MathBN.gt(p.amount, 0))
  if (owed.length) {
    await refundPaymentsWorkflow(container).run({ input: owed.map((p: any) => ({ ...p, note: "Captured while the order was being canceled as unpaid" })) })
  }
  return owed.length > 0
}

async function readOrder(container: MedusaContainer, orderId: string): Promise<UnpaidOrderFacts | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: FIELDS, filters: { id: orderId } })
  return data[0] as UnpaidOrderFacts | undefined
}

/**
 * Judges one order past its payment timeout and cancels it when it is still
 * unpaid. Neither Medusa's cancel nor its capture takes a lock; a provider's
 * payment webhook (processPaymentWorkflow) takes one on the order's cart, and
 * the plugin's order workflows one on the order: this takes both, then reads
 * the payment status again, so a payment that a webhook records is either
 * seen here (the order is kept) or waits until the cancel is done.
 *
 * What no lock covers (the admin's "mark as paid", a capture route): the
 * order's open payment collections are canceled first, so a "mark as paid"
 * that starts after that is refused; one already past its own check that
 * captures before Medusa's cancel reads the payments is refunded by that
 * cancel; one that captures while the cancel voids its payment is refunded
 * here after the cancel. Only a capture that read the payment before the void
 * and commits after that last check (a few milliseconds against the cancel's
 * whole run) would stay, on a canceled order, for the operator to refund.
 */
export async function judgeUnpaidOrder(
  container: MedusaContainer,
  orderId: string,
  options: ResourceBookingOptions,
  dryRun: boolean
): Promise<UnpaidVerdict> {
  const first = unpaidVerdict(await readOrder(container, orderId), options)
  if (first.action === "keep" || dryRun) {
    return first
  }
  const order = (await readOrder(container, orderId))!
  const keys = [orderId, ...(order.cart?.id ? [order.cart.id] : [])]
  const locking = container.resolve(Modules.LOCKING)
  return await locking.execute(
    keys,
    async () => {
      const fresh = await readOrder(container, orderId)
      const verdict = unpaidVerdict(fresh, options)
      if (verdict.action === "keep") {
        return verdict
      }
      const open = (fresh!.payment_collections ?? [])
        .filter((c) => c.status === PaymentCollectionStatus.NOT_PAID || c.status === PaymentCollectionStatus.AWAITING)
        .map((c) => c.id)
      if (open.length) {
        await container.resolve(Modules.PAYMENT).updatePaymentCollections({ id: open }, { status: PaymentCollectionStatus.CANCELED })
      }
      await cancelOrderWorkflow(container).run({ input: { order_id: orderId } })
      return { ...verdict, late_refund: await refundLateCaptures(container, orderId) }
    },
    { timeout: ORDER_LOCK.timeout }
  )
}
