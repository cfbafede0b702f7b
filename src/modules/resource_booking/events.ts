/** Events of hold transitions; each carries `{ ids: string[] }` of the holds. */
export const HoldEvents = {
  CREATED: "resource_booking.hold.created",
  CONFIRMED: "resource_booking.hold.confirmed",
  RELEASED: "resource_booking.hold.released",
  EXPIRED: "resource_booking.hold.expired",
  CANCELED: "resource_booking.hold.canceled",
  /** confirmed → active: the checkout that confirmed them failed after (its payment, say). */
  UNCONFIRMED: "resource_booking.hold.unconfirmed",
  /** A confirmed booking moved to another day or slot: the ids are the new holds (metadata.rescheduled_from names the old). */
  RESCHEDULED: "resource_booking.hold.rescheduled",
} as const

/** The name of an event the plugin emits. */
export type HoldEventName = (typeof HoldEvents)[keyof typeof HoldEvents]

/** What every event of the plugin carries: the ids of the holds it is about. */
export type HoldEventData = { ids: string[] }

/** Events about orders the plugin acted on; each carries `{ id }` of the order. */
export const OrderEvents = {
  /** The unpaid-order step canceled an order still unpaid after unpaidOrderTimeoutMinutes (`{ id, payment_status, hold_ids }`). */
  UNPAID_CANCELED: "resource_booking.order.unpaid_canceled",
} as const
