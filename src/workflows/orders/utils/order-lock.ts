// Imports nothing: the sweep's unpaid-order step takes this lock too, and must
// not pull the order workflows' link definitions into the job.
/**
 * The order lock the plugin's order workflows take (seconds, as acquireLockStep
 * wants them). Longer than Medusa's own 2 s wait: an operator's change may wait
 * behind another change of the same order (a return, a reschedule) instead of
 * failing with "Failed to acquire lock".
 */
export const ORDER_LOCK = { timeout: 10, ttl: 30 } as const
