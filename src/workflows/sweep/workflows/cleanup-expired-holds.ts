import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { CleanupInput } from "../../../modules/resource_booking"
import { cleanupExpiredHoldsStep } from "../steps/cleanup-expired-holds"

export const cleanupExpiredHoldsWorkflowId = "resource-booking-cleanup-expired-holds"

/** The sweep; the service emits one `resource_booking.hold.expired` event per batch. */
export const cleanupExpiredHoldsWorkflow = createWorkflow(
  cleanupExpiredHoldsWorkflowId,
  (input: CleanupInput) => {
    const result = cleanupExpiredHoldsStep(input)
    const summary = transform({ result }, ({ result }) => ({
      run_id: result.run_id,
      expired_count: result.expired_count,
      capacity_restored: result.capacity_restored,
      duration_ms: result.duration_ms,
      batches: result.batches,
      dry_run: result.dry_run,
      deleted_holds: result.deleted_holds,
      deleted_runs: result.deleted_runs,
      error: result.error,
    }))
    return new WorkflowResponse(summary)
  }
)
