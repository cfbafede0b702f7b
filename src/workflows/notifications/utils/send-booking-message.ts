import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { errorMessage, type HoldRow } from "../../../modules/resource_booking"
import { BOOKING_TEMPLATES, bookingMessage, type BookingMessageKind } from "./booking-message"

/** The channel booking messages go out on: the store's e-mail provider delivers them. */
export const BOOKING_CHANNEL = "email"

// Logged once per process: a store without an e-mail provider works as before.
let missingProviderLogged = false

export type SendResult = { sent: boolean; reason?: string }

/**
 * Tells the order's guest about `holds` (all of one order): one notification
 * through Medusa's notification module, template booking-confirmed, -canceled
 * or -rescheduled, the bookings in `data` and an iCalendar file attached. The
 * idempotency key makes a redelivered event send nothing twice. Never throws:
 * a store with no provider for the channel is told once in the log.
 */
export async function sendBookingMessage(
  container: MedusaContainer,
  kind: BookingMessageKind,
  orderId: string,
  holds: HoldRow[],
  idempotencyKey: string,
  channel = BOOKING_CHANNEL
): Promise<SendResult> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  try {
    const message = await bookingMessage(container, orderId, holds, kind)
    if (!message?.email) {
      return { sent: false, reason: message ? "the order has no e-mail" : "nothing to tell" }
    }
    const { calendar, ...data } = message
    await container.resolve(Modules.NOTIFICATION).createNotifications({
      to: message.email,
      channel,
      template: BOOKING_TEMPLATES[kind],
      data,
      attachments: [
        {
          filename: kind === "canceled" ? "booking-canceled.ics" : "booking.ics",
          content_type: `text/calendar; charset=utf-8; method=${kind === "canceled" ? "CANCEL" : "PUBLISH"}`,
          content: Buffer.from(calendar, "utf8").toString("base64"),
        },
      ],
      trigger_type: `resource_booking.${kind}`,
      resource_id: orderId,
      resource_type: "order",
      idempotency_key: idempotencyKey,
    })
    return { sent: true }
  } catch (e) {
    const why = errorMessage(e)
    if (/Could not find a notification provider for channel/.test(why)) {
      if (!missingProviderLogged) {
        missingProviderLogged = true
        logger.info(`resource-booking: no notification provider for the "${channel}" channel; booking confirmations are not sent (docs/notifications.md)`)
      }
      return { sent: false, reason: "no provider for the channel" }
    }
    logger.error(`resource-booking: the ${BOOKING_TEMPLATES[kind]} message of order ${orderId} was not sent: ${why}`)
    return { sent: false, reason: why }
  }
}
