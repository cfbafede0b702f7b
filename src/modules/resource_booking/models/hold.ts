import { model } from "@medusajs/framework/utils"
import { T_HOLD } from "./tables"
import { Resource } from "./resource"

// canceled: a confirmed hold whose order was canceled; its capacity is back.
export const HOLD_STATUSES = ["active", "confirmed", "released", "expired", "canceled"] as const
export type HoldStatus = (typeof HOLD_STATUSES)[number]

export const Hold = model
  .define(
    { name: "hold", tableName: T_HOLD },
    {
      id: model.id({ prefix: "hold" }).primaryKey(),
      date: model.text(),
      // The slot's start label, or "" for a whole-day booking.
      slot: model.text().default(""),
      quantity: model.number(),
      status: model.enum([...HOLD_STATUSES]).default("active"),
      expires_at: model.dateTime(),
      cart_id: model.text().nullable(),
      // The cart line item this hold books for; null for holds made through the holds API.
      line_item_id: model.text().nullable(),
      customer_id: model.text().nullable(),
      order_id: model.text().nullable(),
      // The order change (an edit, an exchange, a claim) whose line this hold was taken for.
      order_change_id: model.text().nullable(),
      confirmed_at: model.dateTime().nullable(),
      released_at: model.dateTime().nullable(),
      expired_at: model.dateTime().nullable(),
      canceled_at: model.dateTime().nullable(),
      // When the unpaid-order step judged this confirmed booking's order (kept or
      // canceled): it judges each order once, after unpaidOrderTimeoutMinutes.
      payment_checked_at: model.dateTime().nullable(),
      metadata: model.json().nullable(),
      resource: model.belongsTo(() => Resource, { mappedBy: "holds" }),
    }
  )
  .indexes([
    {
      // The sweep and lazy expiry read active holds in expiry order.
      name: "IDX_booking_hold_active_expires_at",
      on: ["expires_at"],
      where: "status = 'active' AND deleted_at IS NULL",
    },
    {
      // Lazy expiry: a key's overdue holds, without reading its live ones (a
      // hot key in a rush holds thousands at once; docs/design.md §2.8).
      name: "IDX_booking_hold_active_key_expires_at",
      on: ["resource_id", "date", "slot", "expires_at"],
      where: "status = 'active' AND deleted_at IS NULL",
    },
    {
      name: "IDX_booking_hold_resource_date_slot_status",
      on: ["resource_id", "date", "slot", "status"],
    },
    {
      name: "IDX_booking_hold_cart_id",
      on: ["cart_id"],
      where: "cart_id IS NOT NULL AND deleted_at IS NULL",
    },
    {
      // Holds a checkout confirmed before Medusa created its order, waiting for the order's id.
      name: "IDX_booking_hold_unbound_checkout",
      on: ["cart_id"],
      where: "status = 'confirmed' AND order_id IS NULL AND cart_id IS NOT NULL AND deleted_at IS NULL",
    },
    {
      // An order's bookings: the order widget and cancellation read them.
      name: "IDX_booking_hold_order_id",
      on: ["order_id"],
      where: "order_id IS NOT NULL AND deleted_at IS NULL",
    },
    {
      // The unpaid-order step's candidates: confirmed bookings from today on whose
      // order it has not judged yet (judged ones leave the index).
      name: "IDX_booking_hold_unjudged_payment",
      on: ["date"],
      where: "status = 'confirmed' AND order_id IS NOT NULL AND payment_checked_at IS NULL",
    },
    {
      // Retention finds the finished holds to delete, oldest first, without
      // reading the live ones (a finished hold's last change is its finish).
      name: "IDX_booking_hold_finished_updated_at",
      on: ["updated_at"],
      where: "status IN ('released', 'expired', 'canceled')",
    },
  ])
  .checks([
    {
      // "" books the whole day; otherwise a start time label HH:MM.
      name: "booking_hold_slot_format",
      expression: (columns) => `${columns.slot} = '' OR ${columns.slot} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`,
    },
    {
      name: "booking_hold_quantity_positive",
      expression: (columns) => `${columns.quantity} >= 1`,
    },
    {
      name: "booking_hold_date_format",
      expression: (columns) => `${columns.date} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`,
    },
  ])
