import type { AuditReport, CleanupRunRecord, HealthReport } from "../types"
import { errorMessage } from "../errors"
import type { ResourceBookingOptions } from "../utils/options"
import { nextRunAfter, schedulePeriodMs } from "../utils/schedule"

/** The job is called stale after this many schedule periods without a run. */
export const STALE_PERIODS = 3

/** What HEALTH_FIGURES reads, in one round trip. */
export type HealthFigures = {
  now: Date
  holds: Record<string, number>
  overdue: number
  overdue_past_period: number
  oldest_overdue: Date | string | null
  orders_past_payment_timeout: number
  active_resources: number
  capacity_records: number
  upcoming: { max: number | string; available: number | string }
  last_run: CleanupRunRecord | null
  last_scheduled_at: Date | string | null
}

type JobState = Pick<HealthReport["cleanup_job"], "status" | "message">

const iso = (value: Date | string | number | null) => (value ? new Date(value).toISOString() : null)
const ms = (value: Date | string | null) => (value ? new Date(value).getTime() : null)
const minutes = (period: number) => `${Math.round(period / 60_000)} min`

/** Why the job counts as stopped (no scheduled run for STALE_PERIODS), or null. */
function staleness(f: HealthFigures, now: number, period: number, schedule: string): string | null {
  const lastScheduled = ms(f.last_scheduled_at)
  const oldestOverdue = ms(f.oldest_overdue)
  if (lastScheduled !== null && now - lastScheduled > STALE_PERIODS * period) {
    return `The cleanup job has not run since ${iso(lastScheduled)} (more than ${STALE_PERIODS} periods of "${schedule}").`
  }
  if (lastScheduled === null && oldestOverdue !== null && now - oldestOverdue > STALE_PERIODS * period) {
    return `The cleanup job has never run and holds have been overdue since ${iso(oldestOverdue)}.`
  }
  return null
}

/** What is wrong with the last run, if anything. */
function lastRunWarning(last: CleanupRunRecord | null, now: number, period: number, slowMs: number): string | null {
  if (!last) {
    return null
  }
  if (last.error) {
    return `The last cleanup run (${iso(last.started_at)}) failed: ${last.error}`
  }
  if (!last.finished_at && now - new Date(last.started_at).getTime() > period) {
    return `The cleanup run started at ${iso(last.started_at)} never finished; its process was probably stopped.`
  }
  if (last.duration_ms !== null && last.duration_ms > slowMs) {
    return `The last cleanup run took ${last.duration_ms} ms, over the ${slowMs} ms threshold.`
  }
  return null
}

/** The run as health shows it: the cleanup_run row's fields, without its bookkeeping columns. */
function runRecord(run: CleanupRunRecord): CleanupRunRecord {
  const { id, started_at, finished_at, duration_ms, trigger, dry_run, expired_count, capacity_restored, batches, error } = run
  const { deleted_holds, deleted_runs, unpaid_canceled } = run
  return {
    id,
    started_at: iso(started_at)!,
    finished_at: iso(finished_at),
    duration_ms,
    trigger,
    dry_run,
    expired_count,
    capacity_restored,
    batches,
    deleted_holds: deleted_holds ?? 0,
    deleted_runs: deleted_runs ?? 0,
    unpaid_canceled: unpaid_canceled ?? 0,
    error,
  }
}

function jobState(f: HealthFigures, stale: string | null, warnings: string[]): JobState {
  if (stale) {
    return { status: "stale", message: stale }
  }
  if (f.last_run?.error) {
    return { status: "error", message: `The last cleanup run failed: ${f.last_run.error}` }
  }
  if (!f.last_run) {
    return { status: "pending", message: "The cleanup job has not run yet." }
  }
  if (warnings.length) {
    return { status: "degraded", message: warnings[0] }
  }
  return { status: "ok", message: "The cleanup job is running on schedule." }
}

function holdCounts(counts: Record<string, number>): HealthReport["holds"] {
  const [active, confirmed, released, expired, canceled] = ["active", "confirmed", "released", "expired", "canceled"].map(
    (status) => counts[status] ?? 0
  )
  return { active, confirmed, released, expired, canceled, total: active + confirmed + released + expired + canceled }
}

function capacityTotals(upcoming: HealthFigures["upcoming"]): HealthReport["capacity"] {
  const totalMax = Number(upcoming.max)
  const totalAvailable = Number(upcoming.available)
  const reserved = totalMax - totalAvailable
  return {
    total_max: totalMax,
    total_available: totalAvailable,
    total_reserved: reserved,
    utilization_percent: totalMax > 0 ? Math.round((reserved / totalMax) * 10_000) / 100 : 0,
  }
}

/** The audit's settled mismatches, and the warnings they give. */
function auditFigures(audit: AuditReport | null): { counts: HealthReport["audit"]; warnings: string[] } {
  if (!audit?.available) {
    return { counts: null, warnings: [] }
  }
  const uncovered = audit.uncovered.filter((r) => r.settled).length
  const orphaned = audit.orphaned.filter((r) => r.settled).length
  const see = "see GET /admin/resource-booking/audit"
  return {
    counts: { uncovered_lines: uncovered, orphaned_holds: orphaned },
    warnings: [
      ...(uncovered ? [`${uncovered} booking(s) of live orders are not covered by confirmed holds; ${see}.`] : []),
      ...(orphaned ? [`${orphaned} confirmed booking(s) cover no live order line; ${see}.`] : []),
    ],
  }
}

/** Turns the database's figures (and the audit, where it can run) into the health report (docs/design.md). Pure. */
export function buildHealthReport(f: HealthFigures, options: ResourceBookingOptions, audit: AuditReport | null = null): HealthReport {
  const now = new Date(f.now)
  const period = schedulePeriodMs(options.cleanupSchedule, now)
  const stale = staleness(f, now.getTime(), period, options.cleanupSchedule)
  const overdue =
    f.overdue_past_period > 0
      ? `${f.overdue_past_period} active hold(s) are overdue by more than one cleanup period (${minutes(period)}); the oldest expired at ${iso(f.oldest_overdue)}.`
      : null
  const unpaidOn = options.unpaidOrderTimeoutMinutes > 0
  const unjudged =
    unpaidOn && f.orders_past_payment_timeout > 0
      ? `${f.orders_past_payment_timeout} order(s) with bookings passed their payment timeout (${options.unpaidOrderTimeoutMinutes} min) more than one cleanup period ago and are not yet checked; is the cleanup job running?`
      : null
  const jobWarnings = [stale, overdue, unjudged, lastRunWarning(f.last_run, now.getTime(), period, options.slowCleanupMs)].filter(
    (w): w is string => w !== null
  )
  const books = auditFigures(audit)
  const warnings = [...jobWarnings, ...books.warnings]
  const last = f.last_run
  return {
    status: stale ? "unhealthy" : warnings.length ? "degraded" : "healthy",
    timestamp: now.toISOString(),
    warnings,
    holds: holdCounts(f.holds),
    cleanup_job: {
      overdue_holds: f.overdue,
      ...jobState(f, stale, jobWarnings),
      schedule: options.cleanupSchedule,
      last_run: last && runRecord(last),
      next_run: nextRunAfter(options.cleanupSchedule, now).toISOString(),
      orders_past_payment_timeout: unpaidOn ? f.orders_past_payment_timeout : null,
    },
    resources: { active_count: f.active_resources, total_capacity_records: f.capacity_records },
    audit: books.counts,
    capacity: capacityTotals(f.upcoming),
  }
}

/** The report when the database cannot be read: unhealthy, and why. */
export function unreadableHealthReport(error: unknown, options: ResourceBookingOptions): HealthReport {
  const message = `The database cannot be read: ${errorMessage(error)}`
  return {
    status: "unhealthy",
    timestamp: new Date().toISOString(),
    warnings: [message],
    holds: holdCounts({}),
    cleanup_job: { overdue_holds: 0, status: "unknown", message, schedule: options.cleanupSchedule, last_run: null, next_run: null, orders_past_payment_timeout: null },
    resources: { active_count: 0, total_capacity_records: 0 },
    audit: null,
    capacity: { total_max: 0, total_available: 0, total_reserved: 0, utilization_percent: 0 },
  }
}
