/** Events of hold transitions; each carries `{ ids: string[] }` of the holds. */
export const HoldEvents = {
  CREATED: "resource_booking.hold.created",
  CONFIRMED: "resource_booking.hold.confirmed",
  RELEASED: "resource_booking.hold.released",
  EXPIRED: "resource_booking.hold.expired",
  CANCELED: "resource_booking.hold.canceled",
  /** confirmed → active: the checkout that confirmed them failed after (its payment, say). */
  UNCONFIRMED: "resource_booking.hold.unconfirmed",
} as const
