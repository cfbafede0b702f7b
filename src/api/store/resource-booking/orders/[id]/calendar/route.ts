import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { bookingModule, notFound } from "../../../../../../modules/resource_booking"
import { bookingMessage } from "../../../../../../workflows/notifications/utils/booking-message"

/**
 * The calendar file (.ics) of a customer's own order's bookings, for a
 * storefront's "add to calendar" link: signed in as the customer who placed
 * it, as Medusa's store routes for a customer's orders are. Another
 * customer's order, or one that books nothing, is a 404.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [order],
  } = await query.graph({ entity: "order", fields: ["id", "customer_id"], filters: { id: req.params.id } })
  const holds =
    order && order.customer_id === req.auth_context.actor_id
      ? await bookingModule(req.scope).listHolds({ order_id: order.id, status: "confirmed" }, { take: null })
      : []
  const message = holds.length ? await bookingMessage(req.scope, order!.id, holds, "confirmed") : null
  if (!message) {
    notFound(`Order with id "${req.params.id}" was not found`)
  }
  res.setHeader("Content-Type", "text/calendar; charset=utf-8")
  res.setHeader("Content-Disposition", `attachment; filename="bookings-${message!.display_id ?? order!.id}.ics"`)
  res.send(message!.calendar)
}
