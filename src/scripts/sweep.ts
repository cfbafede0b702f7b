import type { ExecArgs } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { cleanupExpiredHoldsWorkflow } from "../workflows/sweep"

/**
 * One sweep (expiry and retention) from outside the app, for a system cron,
 * a Kubernetes CronJob or a hosting platform's scheduler:
 *
 *   npx medusa exec ./node_modules/medusa-resource-booking/.medusa/server/src/scripts/sweep.js [dry-run] [batch-size=N]
 *
 * `medusa exec` refuses unknown --flags and hands the script its positional
 * arguments, hence `dry-run` and `batch-size=500`. Prints the run as one line
 * of JSON on stdout and exits 1 when the run failed (or the arguments are
 * wrong), 0 otherwise. Its runs are recorded with trigger "cli", which health
 * counts as the schedule's (docs/production.md, "The sweep as a command").
 */
export default async function sweep({ container, args }: ExecArgs) {
  let input: ReturnType<typeof parseSweepArgs>
  try {
    input = parseSweepArgs(args ?? [])
  } catch (e) {
    // A person at a terminal or a cron mail reads this: one line, no stack.
    process.stderr.write(`resource-booking sweep: ${(e as Error).message}\n`)
    process.exitCode = 1
    return
  }
  const { result } = await cleanupExpiredHoldsWorkflow(container).run({ input: { trigger: "cli", ...input } })
  const { run_id, ...run } = result
  process.stdout.write(`${JSON.stringify({ run: { id: run_id, ...run } })}\n`)
  if (result.error) {
    process.exitCode = 1
  }
}

export function parseSweepArgs(args: string[]): { dryRun: boolean; batchSize?: number } {
  const input: { dryRun: boolean; batchSize?: number } = { dryRun: false }
  for (const arg of args) {
    const [name, value] = arg.split("=", 2)
    if (name === "dry-run" && value === undefined) {
      input.dryRun = true
    } else if (name === "batch-size" && value !== undefined && /^\d+$/.test(value)) {
      input.batchSize = Number(value)
    } else {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Unknown argument ${JSON.stringify(arg)}: the sweep takes "dry-run" and "batch-size=N"`
      )
    }
  }
  return input
}
