import { model } from "@medusajs/framework/utils"
import { T_CAPACITY } from "./tables"
import { Resource } from "./resource"

// One row per (resource, calendar day, slot). available_capacity is kept
// equal to max_capacity minus the quantity of the key's active and confirmed
// holds. `slot` is "" for a resource booked by the day.
export const Capacity = model
  .define(
    { name: "capacity", tableName: T_CAPACITY },
    {
      id: model.id({ prefix: "rbcap" }).primaryKey(),
      // A calendar day of the resource's time zone as YYYY-MM-DD: text keeps it free of offsets.
      date: model.text(),
      slot: model.text().default(""),
      max_capacity: model.number(),
      available_capacity: model.number(),
      // Set by hand (an exception to the weekly schedule, which leaves it alone), or written by the schedule.
      is_exception: model.boolean().default(true),
      resource: model.belongsTo(() => Resource, { mappedBy: "capacities" }),
    }
  )
  .indexes([
    {
      name: "IDX_booking_capacity_resource_id_date_slot_unique",
      on: ["resource_id", "date", "slot"],
      unique: true,
    },
  ])
  .checks([
    {
      // "" books the whole day; otherwise a start time label HH:MM.
      name: "booking_capacity_slot_format",
      expression: (columns) => `${columns.slot} = '' OR ${columns.slot} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`,
    },
    {
      name: "booking_capacity_date_format",
      expression: (columns) => `${columns.date} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`,
    },
    {
      name: "booking_capacity_max_non_negative",
      expression: (columns) => `${columns.max_capacity} >= 0`,
    },
    {
      // The database refuses an overbooking even if the code had a bug.
      name: "booking_capacity_available_in_range",
      expression: (columns) =>
        `${columns.available_capacity} >= 0 AND ${columns.available_capacity} <= ${columns.max_capacity}`,
    },
  ])
