import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cleanupExpiredHoldsWorkflow } from "../../../../workflows"
import type { AdminCleanupBodyType } from "../validators"

/** Runs the sweep now (or counts what it would do with dry_run). */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminCleanupBodyType>,
  res: MedusaResponse
) => {
  const { result } = await cleanupExpiredHoldsWorkflow(req.scope).run({
    input: {
      trigger: "manual",
      dryRun: req.validatedBody.dry_run,
      batchSize: req.validatedBody.batch_size,
    },
  })
  const { run_id, ...run } = result
  res.json({ run: { id: run_id, ...run } })
}
