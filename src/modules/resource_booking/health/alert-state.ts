import type { RunStatement } from "../sweep/cleanup"
import type { HealthStatus } from "../types"
import * as SQL from "./sql"

export type HealthChange = { status: HealthStatus; previous_status: HealthStatus; changed_at: Date; message: string | null }

/** Records `status` as health's state; returns the change when it is one (to this caller alone), else null. */
export async function recordHealthState(run: RunStatement, status: HealthStatus, message: string | null): Promise<HealthChange | null> {
  const [row] = await run(SQL.CHANGE_HEALTH_STATE, [status, message])
  return row && row.status !== row.previous_status ? row : null
}
