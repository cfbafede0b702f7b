import { model } from "@medusajs/framework/utils"
import { T_RUN } from "./tables"

// One row per sweep, written by whichever process ran it, so health is true
// across servers and workers. A run that started and never finished was cut off.
export const CleanupRun = model
  .define(
    { name: "cleanup_run", tableName: T_RUN },
    {
      id: model.id({ prefix: "rbrun" }).primaryKey(),
      started_at: model.dateTime(),
      finished_at: model.dateTime().nullable(),
      duration_ms: model.number().nullable(),
      trigger: model.enum(["schedule", "manual", "cli"]),
      dry_run: model.boolean().default(false),
      expired_count: model.number().default(0),
      capacity_restored: model.number().default(0),
      batches: model.number().default(0),
      // Retention: finished holds and old runs this run deleted (or would, on a dry run).
      deleted_holds: model.number().default(0),
      deleted_runs: model.number().default(0),
      // Orders canceled for want of payment (or, on a dry run, that would be).
      unpaid_canceled: model.number().default(0),
      error: model.text().nullable(),
    }
  )
  .indexes([{ name: "IDX_booking_cleanup_run_started_at", on: ["started_at"] }])
