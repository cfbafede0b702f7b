import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RESOURCE_BOOKING_MODULE } from "../../../../modules/resource_booking"
import type ResourceBookingModuleService from "../../../../modules/resource_booking/service"
import type { AdminCleanupBodyType } from "../validators"

/** Runs the sweep now (or counts what it would do with dry_run). */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminCleanupBodyType>,
  res: MedusaResponse
) => {
  const service = req.scope.resolve<ResourceBookingModuleService>(RESOURCE_BOOKING_MODULE)
  const result = await service.cleanupExpiredHolds({
    trigger: "manual",
    dryRun: req.validatedBody.dry_run,
    batchSize: req.validatedBody.batch_size,
  })
  res.json({
    run: {
      id: result.run_id,
      expired_count: result.expired_count,
      capacity_restored: result.capacity_restored,
      duration_ms: result.duration_ms,
      batches: result.batches,
      dry_run: result.dry_run,
      error: result.error,
    },
  })
}
