import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingModule, errorMessage, type HealthReport } from "../../../modules/resource_booking"

export const alertHealthChangeStepId = "resource-booking-alert-health-change"

/** The notification's template name, for a provider that renders its own. */
export const HEALTH_ALERT_TEMPLATE = "resource-booking-health-alert"

export type HealthAlert = { status: string; previous_status: string; sent: number } | null

const ADVICE: Record<string, string> = {
  healthy: "Nothing to do: the cleanup job runs on schedule and the books balance.",
  degraded:
    "Open GET /admin/resource-booking/health (or the Resource booking page in the admin) and act on the warnings; a failed run is retried on the next schedule.",
  unhealthy:
    "The cleanup job has stopped or the database cannot be read: expired holds are not giving capacity back. Check that a worker process runs Medusa's jobs (or that the sweep command's cron fires) and that it reaches the database.",
}

/** Subject and text of the alert: what changed, why, and what to do. */
export function healthAlertContent(report: HealthReport, previous: string) {
  const subject = `Resource booking is ${report.status} (was ${previous})`
  const text = [
    `${subject} since ${report.timestamp}.`,
    ...(report.warnings.length ? ["", "Warnings:", ...report.warnings.map((w) => `- ${w}`)] : []),
    "",
    ADVICE[report.status] ?? ADVICE.degraded,
  ].join("\n")
  return { subject, text }
}

/**
 * After each run: health's state is recorded with a compare-and-set, and the
 * one run that changes it (whichever worker) notifies alertRecipients on
 * alertChannel through Medusa's notification module. Never fails the sweep:
 * a provider that refuses is logged (the change is not announced twice).
 */
export const alertHealthChangeStep = createStep(alertHealthChangeStepId, async (_: void, { container }) => {
  const booking = bookingModule(container)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    const report = await booking.getHealth()
    const change = await booking.recordHealthState(report.status, report.warnings[0] ?? null)
    if (!change) {
      return new StepResponse<HealthAlert>(null)
    }
    const { alertRecipients, alertChannel } = booking.getOptions()
    logger.info(`resource-booking health ${change.previous_status} → ${change.status}; alerting ${alertRecipients.length} recipient(s)`)
    if (!alertRecipients.length) {
      return new StepResponse<HealthAlert>({ status: change.status, previous_status: change.previous_status, sent: 0 })
    }
    const content = healthAlertContent(report, change.previous_status)
    const changedAt = new Date(change.changed_at).toISOString()
    await container.resolve(Modules.NOTIFICATION).createNotifications(
      alertRecipients.map((to) => ({
        to,
        channel: alertChannel,
        template: HEALTH_ALERT_TEMPLATE,
        content,
        // title and description: what Medusa's admin shows of a `feed` notification.
        data: {
          ...content,
          title: content.subject,
          description: content.text,
          status: change.status,
          previous_status: change.previous_status,
          changed_at: changedAt,
          warnings: report.warnings,
        },
        trigger_type: "resource_booking.health.changed",
        idempotency_key: `resource-booking-health:${changedAt}:${to}`,
      }))
    )
    return new StepResponse<HealthAlert>({ status: change.status, previous_status: change.previous_status, sent: alertRecipients.length })
  } catch (e) {
    logger.error(`resource-booking health alert not sent: ${errorMessage(e)}`)
    return new StepResponse<HealthAlert>(null)
  }
})
