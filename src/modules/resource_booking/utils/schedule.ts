import { parseExpression } from "cron-parser"

/** The next time the cron expression fires after `from` (UTC). */
export function nextRunAfter(schedule: string, from: Date): Date {
  return parseExpression(schedule, { currentDate: from, tz: "UTC" }).next().toDate()
}

/**
 * The gap between two consecutive runs after `from`: what "one schedule
 * period" means for the health thresholds.
 */
export function schedulePeriodMs(schedule: string, from: Date): number {
  const it = parseExpression(schedule, { currentDate: from, tz: "UTC" })
  const first = it.next().toDate().getTime()
  const second = it.next().toDate().getTime()
  return second - first
}
