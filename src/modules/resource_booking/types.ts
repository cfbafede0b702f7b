import type { HoldStatus } from "./models"

/** One thing to hold: `quantity` of a resource on a day, in one of its slots ("" or absent: the whole day). */
export type HoldItemInput = { resource_id: string; date: string; slot?: string; quantity: number }

export type CreateHoldsOptions = {
  /** Overrides the resource's and the plugin's TTL for these holds. */
  ttlMinutes?: number
  cart_id?: string | null
  customer_id?: string | null
  metadata?: Record<string, unknown> | null
}

export type HoldRow = {
  id: string
  resource_id: string
  date: string
  slot: string
  quantity: number
  status: HoldStatus
  expires_at: Date
  cart_id: string | null
  line_item_id: string | null
  customer_id: string | null
  order_id: string | null
  confirmed_at: Date | null
  released_at: Date | null
  expired_at: Date | null
  canceled_at: Date | null
  metadata: Record<string, unknown> | null
  created_at: Date
  updated_at: Date
  deleted_at: Date | null
}

export type CapacityRow = {
  id: string
  resource_id: string
  date: string
  slot: string
  max_capacity: number
  available_capacity: number
  created_at: Date
  updated_at: Date
  deleted_at: Date | null
}

/** What a hold transition did: the holds as they are now, and which ones moved. */
export type TransitionResult = {
  holds: HoldRow[]
  /** Holds this call moved to the target status. */
  changed_ids: string[]
  /** Holds found overdue on the way and expired (lazy expiry). */
  expired_ids: string[]
}

export type CleanupInput = {
  batchSize?: number
  dryRun?: boolean
  trigger?: "schedule" | "manual"
}

export type CleanupResult = {
  run_id: string
  expired_count: number
  capacity_restored: number
  duration_ms: number
  batches: number
  dry_run: boolean
  error: string | null
  /** Ids of the holds this run expired (empty on a dry run). */
  expired_ids: string[]
}

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
    last_run: null | {
      id: string
      started_at: string
      finished_at: string | null
      duration_ms: number | null
      trigger: "schedule" | "manual"
      dry_run: boolean
      expired_count: number
      capacity_restored: number
      batches: number
      error: string | null
    }
    next_run: string | null
  }
  resources: { active_count: number; total_capacity_records: number }
  capacity: {
    total_max: number
    total_available: number
    total_reserved: number
    utilization_percent: number
  }
}
