import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { CleanupInput } from "../../../modules/resource_booking"
import { alertHealthChangeStep } from "../steps/alert-health-change"
import { cancelUnpaidOrdersStep } from "../steps/cancel-unpaid-orders"
import { cleanupExpiredHoldsStep } from "../steps/cleanup-expired-holds"
import { topUpSchedulesStep } from "../steps/top-up-schedules"

export const cleanupExpiredHoldsWorkflowId = "resource-booking-cleanup-expired-holds"

/**
 * One run: the sweep (the service emits one `resource_booking.hold.expired`
 * event per batch) and retention, the weekly schedules' daily top-up, then
 * unpaid orders past their timeout,
 * then health's alert if its state changed. The run's record holds all of it.
 */
export const cleanupExpiredHoldsWorkflow = createWorkflow(
  cleanupExpiredHoldsWorkflowId,
  (input: CleanupInput) => {
    const result = cleanupExpiredHoldsStep(input)
    const topUp = topUpSchedulesStep(transform({ result }, ({ result }) => ({ dry_run: result.dry_run })))
    const unpaid = cancelUnpaidOrdersStep(
      transform({ result }, ({ result }) => ({ run_id: result.run_id, dry_run: result.dry_run }))
    )
    alertHealthChangeStep()
    const summary = transform({ result, unpaid, topUp }, ({ result, unpaid, topUp }) => ({
      run_id: result.run_id,
      expired_count: result.expired_count,
      capacity_restored: result.capacity_restored,
      duration_ms: result.duration_ms,
      batches: result.batches,
      dry_run: result.dry_run,
      deleted_holds: result.deleted_holds,
      deleted_runs: result.deleted_runs,
      unpaid_canceled: unpaid.unpaid_canceled,
      schedule_days: topUp.schedule_days,
      error: [result.error, topUp.error, unpaid.error].filter(Boolean).join("; ") || null,
    }))
    return new WorkflowResponse(summary)
  }
)
