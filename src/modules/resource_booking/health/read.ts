import { auditBookings } from "../audit"
import type { RunStatement } from "../sweep/cleanup"
import type { HealthReport } from "../types"
import type { ResourceBookingOptions } from "../utils/options"
import { schedulePeriodMs } from "../utils/schedule"
import { buildHealthReport, unreadableHealthReport, type HealthFigures } from "./report"
import * as SQL from "./sql"

/**
 * The health report, read from the database so that every process answers
 * the same. Never throws: a database that cannot be read is `unhealthy`.
 */
export async function readHealth(run: RunStatement, options: ResourceBookingOptions): Promise<HealthReport> {
  try {
    const period = schedulePeriodMs(options.cleanupSchedule, new Date())
    const timeout = options.unpaidOrderTimeoutMinutes
    const [figures] = await run(SQL.HEALTH_FIGURES, [period / 1000, timeout, timeout, period / 1000])
    return buildHealthReport(figures as HealthFigures, options, await auditBookings(run))
  } catch (e) {
    return unreadableHealthReport(e, options)
  }
}
