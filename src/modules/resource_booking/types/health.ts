// The health report (docs/design.md, the health JSON).
import type { CleanupRunRecord } from "./sweep"

export type HealthStatus = "healthy" | "degraded" | "unhealthy"

export type HealthReport = {
  status: HealthStatus
  timestamp: string
  warnings: string[]
  holds: { active: number; confirmed: number; released: number; expired: number; canceled: number; total: number }
  cleanup_job: {
    overdue_holds: number
    status: "ok" | "pending" | "degraded" | "error" | "stale" | "unknown"
    message: string
    schedule: string
    last_run: CleanupRunRecord | null
    next_run: string | null
    /**
     * Orders with bookings past unpaidOrderTimeoutMinutes by more than a cleanup
     * period that the unpaid-order step has not judged yet; null when it is off.
     */
    orders_past_payment_timeout: number | null
  }
  resources: { active_count: number; total_capacity_records: number }
  /** The books audit's settled mismatches (GET /admin/resource-booking/audit lists them); null where it cannot run. */
  audit: { uncovered_lines: number; orphaned_holds: number } | null
  capacity: {
    total_max: number
    total_available: number
    total_reserved: number
    utilization_percent: number
  }
}
