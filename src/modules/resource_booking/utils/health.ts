import type { HealthReport } from "../types"
import { errorMessage } from "./errors"
import type { ResourceBookingOptions } from "./options"
import { nextRunAfter, schedulePeriodMs } from "./schedule"

/** The job is called stale after this many schedule periods without a run. */
export const STALE_PERIODS = 3

export type HealthFigures = {
  now: Date
  holds: Record<string, number>
  overdue: number
  overdue_past_period: number
  oldest_overdue: Date | string | null
  active_resources: number
  capacity_records: number
  upcoming: { max: number | string; available: number | string }
  last_run: null | {
    id: string
    started_at: string
    finished_at: string | null
    duration_ms: number | null
    trigger: "schedule" | "manual"
    dry_run: boolean
    expired_count: number
    capacity_restored: number
    batches: number
    error: string | null
  }
  last_scheduled_at: Date | string | null
}

const iso = (value: Date | string | number | null) => (value ? new Date(value).toISOString() : null)

const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`

/** Turns the database's figures into the health report (docs/design.md §5). Pure, so it is easy to test. */
export function buildHealthReport(
  f: HealthFigures,
  options: ResourceBookingOptions
): HealthReport {
  const now = new Date(f.now)
  const period = schedulePeriodMs(options.cleanupSchedule, now)
  const warnings: string[] = []
  let stale = false
  let jobStatus: HealthReport["cleanup_job"]["status"] = "ok"
  let message = "The cleanup job is running on schedule."

  const last = f.last_run
  const lastScheduled = f.last_scheduled_at ? new Date(f.last_scheduled_at).getTime() : null
  const oldestOverdue = f.oldest_overdue ? new Date(f.oldest_overdue).getTime() : null

  if (lastScheduled !== null && now.getTime() - lastScheduled > STALE_PERIODS * period) {
    stale = true
    message = `The cleanup job has not run since ${iso(lastScheduled)} (more than ${STALE_PERIODS} periods of "${options.cleanupSchedule}").`
  } else if (
    lastScheduled === null &&
    oldestOverdue !== null &&
    now.getTime() - oldestOverdue > STALE_PERIODS * period
  ) {
    stale = true
    message = `The cleanup job has never run and holds have been overdue since ${iso(oldestOverdue)}.`
  } else if (!last) {
    jobStatus = "pending"
    message = "The cleanup job has not run yet."
  }
  if (stale) {
    jobStatus = "stale"
    warnings.push(message)
  }

  if (f.overdue_past_period > 0) {
    warnings.push(
      `${f.overdue_past_period} active hold(s) are overdue by more than one cleanup period (${minutes(period)}); the oldest expired at ${iso(oldestOverdue)}.`
    )
  }
  if (last) {
    if (last.error) {
      warnings.push(`The last cleanup run (${iso(last.started_at)}) failed: ${last.error}`)
      if (!stale) {
        jobStatus = "error"
        message = `The last cleanup run failed: ${last.error}`
      }
    } else if (!last.finished_at && now.getTime() - new Date(last.started_at).getTime() > period) {
      warnings.push(
        `The cleanup run started at ${iso(last.started_at)} never finished; its process was probably stopped.`
      )
    } else if (last.duration_ms !== null && last.duration_ms > options.slowCleanupMs) {
      warnings.push(
        `The last cleanup run took ${last.duration_ms} ms, over the ${options.slowCleanupMs} ms threshold.`
      )
    }
  }
  if (warnings.length && jobStatus === "ok") {
    jobStatus = "degraded"
    message = warnings[0]
  }
  const holds = {
    active: f.holds.active ?? 0,
    confirmed: f.holds.confirmed ?? 0,
    released: f.holds.released ?? 0,
    expired: f.holds.expired ?? 0,
    canceled: f.holds.canceled ?? 0,
    total: 0,
  }
  holds.total = holds.active + holds.confirmed + holds.released + holds.expired + holds.canceled
  const totalMax = Number(f.upcoming.max)
  const totalAvailable = Number(f.upcoming.available)
  const reserved = totalMax - totalAvailable

  return {
    status: stale ? "unhealthy" : warnings.length ? "degraded" : "healthy",
    timestamp: now.toISOString(),
    warnings,
    holds,
    cleanup_job: {
      overdue_holds: f.overdue,
      status: jobStatus,
      message,
      schedule: options.cleanupSchedule,
      last_run: last
        ? {
            id: last.id,
            started_at: iso(last.started_at)!,
            finished_at: iso(last.finished_at),
            duration_ms: last.duration_ms,
            trigger: last.trigger,
            dry_run: last.dry_run,
            expired_count: last.expired_count,
            capacity_restored: last.capacity_restored,
            batches: last.batches,
            error: last.error,
          }
        : null,
      next_run: nextRunAfter(options.cleanupSchedule, now).toISOString(),
    },
    resources: { active_count: f.active_resources, total_capacity_records: f.capacity_records },
    capacity: {
      total_max: totalMax,
      total_available: totalAvailable,
      total_reserved: reserved,
      utilization_percent: totalMax > 0 ? Math.round((reserved / totalMax) * 10_000) / 100 : 0,
    },
  }
}

/** The report when the database cannot be read: unhealthy, and why. */
export function unreadableHealthReport(
  error: unknown,
  options: ResourceBookingOptions
): HealthReport {
  const message = `The database cannot be read: ${errorMessage(error)}`
  return {
    status: "unhealthy",
    timestamp: new Date().toISOString(),
    warnings: [message],
    holds: { active: 0, confirmed: 0, released: 0, expired: 0, canceled: 0, total: 0 },
    cleanup_job: {
      overdue_holds: 0,
      status: "unknown",
      message,
      schedule: options.cleanupSchedule,
      last_run: null,
      next_run: null,
    },
    resources: { active_count: 0, total_capacity_records: 0 },
    capacity: { total_max: 0, total_available: 0, total_reserved: 0, utilization_percent: 0 },
  }
}
