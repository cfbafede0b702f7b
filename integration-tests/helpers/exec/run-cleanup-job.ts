import type { ExecArgs } from "@medusajs/framework/types"
import cleanupExpiredHoldsJob from "../../../src/jobs/cleanup-expired-holds"

/** Runs the plugin's scheduled job once, as Medusa's scheduler would, and prints what it returned. */
export default async function runCleanupJob({ container }: ExecArgs) {
  process.stdout.write(`${JSON.stringify({ job: await cleanupExpiredHoldsJob(container) })}\n`)
}
