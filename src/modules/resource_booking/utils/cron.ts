// The checks on the sweep's cron expression (the cleanupSchedule option).
import { parseExpression } from "cron-parser"

// setTimeout's limit; the in-memory workflow engine schedules with it.
const MAX_TIMER_MS = 2 ** 31 - 1

/** Whether the next runs of a cron expression come within setTimeout's reach. */
export function firesOftenEnough(expression: string): boolean {
  try {
    const it = parseExpression(expression, { tz: "UTC" })
    let previous = Date.now()
    for (let i = 0; i < 3; i++) {
      const next = it.next().toDate().getTime()
      if (next - previous > MAX_TIMER_MS) {
        return false
      }
      previous = next
    }
    return true
  } catch {
    // isValidCron reports unparsable expressions.
    return true
  }
}

/** A cron expression of five or six fields that cron-parser reads. */
export function isValidCron(expression: string): boolean {
  try {
    parseExpression(expression, { tz: "UTC" })
    return expression.trim().split(/\s+/).length >= 5
  } catch {
    return false
  }
}
