import { model } from "@medusajs/framework/utils"
import { Resource } from "./resource"

// One row per (resource, calendar day). available_capacity is kept equal to
// max_capacity minus the quantity of the day's active and confirmed holds.
export const Capacity = model
  .define(
    { name: "capacity", tableName: "booking_capacity" },
    {
      id: model.id({ prefix: "rbcap" }).primaryKey(),
      // A UTC calendar day as YYYY-MM-DD: text keeps it free of time zones.
      date: model.text(),
      max_capacity: model.number(),
      available_capacity: model.number(),
      resource: model.belongsTo(() => Resource, { mappedBy: "capacities" }),
    }
  )
  .indexes([
    {
      name: "IDX_booking_capacity_resource_id_date_unique",
      on: ["resource_id", "date"],
      unique: true,
    },
  ])
  .checks([
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
