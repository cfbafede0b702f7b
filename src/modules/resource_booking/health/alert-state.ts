import type { RunStatement } from "../sweep/cleanup"
import { T_ALERT } from "../models/tables"
import type { HealthStatus } from "../types"

export type HealthChange = { status: HealthStatus; previous_status: HealthStatus; changed_at: Date; message: string | null }

/**
 * A compare-and-set on the last announced state: the row changes only when the
 * status differs, and ON CONFLICT's row lock makes the first run that sees a
 * change the only one that gets it back. A store starts "healthy".
 */
const CHANGE_STATE = `
INSERT INTO ${T_ALERT} AS a (id, status, previous_status, message, changed_at, created_at, updated_at)
VALUES ('health', ?, 'healthy', ?, now(), now(), now())
ON CONFLICT (id) DO UPDATE SET previous_status = a.status, status = EXCLUDED.status,
  message = EXCLUDED.message, changed_at = now(), updated_at = now()
WHERE a.status <> EXCLUDED.status
RETURNING status, previous_status, message, changed_at`

/** Records `status` as health's state; returns the change when it is one (to this caller alone), else null. */
export async function recordHealthState(run: RunStatement, status: HealthStatus, message: string | null): Promise<HealthChange | null> {
  const [row] = await run(CHANGE_STATE, [status, message])
  return row && row.status !== row.previous_status ? row : null
}
