import { model } from "@medusajs/framework/utils"
import { T_ALERT } from "./tables"

// The health state the last alert announced, one row per thing watched ("health").
// Health is computed when read, by every worker; the alert goes out only from
// whichever run changes this row (a compare-and-set), so once per change.
export const AlertState = model.define(
  { name: "alert_state", tableName: T_ALERT },
  {
    id: model.text().primaryKey(),
    status: model.text(),
    previous_status: model.text().nullable(),
    message: model.text().nullable(),
    changed_at: model.dateTime(),
  }
)
