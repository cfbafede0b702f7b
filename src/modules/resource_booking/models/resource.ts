import { model } from "@medusajs/framework/utils"
import { T_RESOURCE } from "./tables"
import { Capacity } from "./capacity"
import { Hold } from "./hold"

export const Resource = model
  .define(
    { name: "resource", tableName: T_RESOURCE },
    {
      id: model.id({ prefix: "res" }).primaryKey(),
      title: model.text().searchable(),
      handle: model.text().unique(),
      description: model.text().nullable(),
      is_active: model.boolean().default(true),
      // Overrides the plugin's holdTtlMinutes for this resource when set.
      hold_ttl_minutes: model.number().nullable(),
      // Overrides the plugin's maxHoldMinutes: the longest a cart's hold on one of its days may last.
      max_hold_minutes: model.number().nullable(),
      // Start labels ("09:00") of the slots it is sold by; empty: by the day.
      slots: model.array().default([]),
      // IANA zone its dates and slot labels are local to; null: the plugin's timeZone.
      time_zone: model.text().nullable(),
      // A slot stops selling this long before it starts, a whole day before it ends (null: at the start, at the end).
      cutoff_minutes: model.number().nullable(),
      // How far ahead the weekly schedule writes capacity, in days.
      booking_horizon_days: model.number().default(365),
      // The weekly schedule: { rules: [{ weekdays, slots?, capacity, valid_from?, valid_until? }] }, or null.
      schedule: model.json().nullable(),
      // The last local day the schedule has written capacity for (the daily top-up goes on from there).
      schedule_expanded_until: model.text().nullable(),
      // Sold by the stay (a range of nights, §13 of docs/design.md): the fewest and most nights
      // one booking may span; both null for a resource booked one day or slot at a time.
      min_nights: model.number().nullable(),
      max_nights: model.number().nullable(),
      metadata: model.json().nullable(),
      capacities: model.hasMany(() => Capacity, { mappedBy: "resource" }),
      holds: model.hasMany(() => Hold, { mappedBy: "resource" }),
    }
  )
  .checks([
    {
      // Both or neither; 1 ≤ min ≤ max; and a resource sold by the stay has no slots.
      name: "booking_resource_stay_nights",
      expression: (columns) =>
        `(${columns.min_nights} IS NULL AND ${columns.max_nights} IS NULL) OR ` +
        `(${columns.min_nights} >= 1 AND ${columns.max_nights} >= ${columns.min_nights} AND cardinality(${columns.slots}) = 0)`,
    },
    {
      name: "booking_resource_cutoff_non_negative",
      expression: (columns) => `${columns.cutoff_minutes} IS NULL OR ${columns.cutoff_minutes} >= 0`,
    },
    {
      name: "booking_resource_horizon_positive",
      expression: (columns) => `${columns.booking_horizon_days} >= 1`,
    },
    {
      name: "booking_resource_max_hold_positive",
      expression: (columns) => `${columns.max_hold_minutes} IS NULL OR ${columns.max_hold_minutes} >= 1`,
    },
    {
      name: "booking_resource_hold_ttl_positive",
      expression: (columns) =>
        `${columns.hold_ttl_minutes} IS NULL OR ${columns.hold_ttl_minutes} >= 1`,
    },
  ])
