import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { bookingModule, configuredOptions, errorMessage } from "../modules/resource_booking"
import { cleanupExpiredHoldsWorkflow } from "../workflows/sweep"

export const JOB_NAME = "resource-booking-cleanup-expired-holds"

/**
 * Sweeps expired holds on the plugin's schedule. It runs wherever Medusa runs
 * jobs (workers, or a shared process); several at once stay correct because
 * the sweep claims holds with SKIP LOCKED. It never throws: a failure is
 * logged and recorded in the run, and the next run picks up what is left.
 */
export default async function cleanupExpiredHoldsJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    const options = bookingModule(container).getOptions()
    if (!options.scheduledCleanup) {
      // The store runs the sweep command on its own scheduler instead
      // (src/scripts/sweep.ts); Medusa has no way to leave a job unregistered.
      return { skipped: "scheduledCleanup is false" }
    }
    // Through the workflow, so the expired holds' events are emitted.
    const { result } = await cleanupExpiredHoldsWorkflow(container).run({
      input: { trigger: "schedule" },
    })
    const line = `resource-booking cleanup ${JSON.stringify(result)}`
    if (result.error) {
      logger.error(line)
    } else if (result.duration_ms > options.slowCleanupMs) {
      logger.warn(`${line} slower than slowCleanupMs=${options.slowCleanupMs}`)
    } else if (result.expired_count > options.highExpirationCount) {
      logger.warn(`${line} expired more than highExpirationCount=${options.highExpirationCount}`)
    } else {
      logger.info(line)
    }
    return result
  } catch (e) {
    logger.error(`resource-booking cleanup failed: ${errorMessage(e)}`)
    return { error: errorMessage(e) }
  }
}

export const config = {
  name: JOB_NAME,
  schedule: configuredOptions().cleanupSchedule,
}
