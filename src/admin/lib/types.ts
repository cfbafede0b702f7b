export type Health = {
  status: "healthy" | "degraded" | "unhealthy"
  timestamp: string
  warnings: string[]
  holds: { active: number; confirmed: number; released: number; expired: number; canceled: number; total: number }
  cleanup_job: {
    overdue_holds: number
    status: string
    message: string
    schedule: string
    last_run: null | {
      started_at: string
      finished_at: string | null
      duration_ms: number | null
      expired_count: number
      capacity_restored: number
      trigger: string
      dry_run: boolean
      error: string | null
    }
    next_run: string | null
  }
  resources: { active_count: number; total_capacity_records: number }
  capacity: { total_max: number; total_available: number; total_reserved: number; utilization_percent: number }
}

export type Resource = {
  id: string
  title: string
  handle: string
  description: string | null
  is_active: boolean
  hold_ttl_minutes: number | null
  variant_ids: string[]
}

/** A product variant as the resources list names it. */
export type VariantSummary = { id: string; title: string | null; product: { id: string; title: string } | null }

export type CapacityDay = { date: string; max_capacity: number; available_capacity: number }

export type Hold = {
  id: string
  resource_id: string
  date: string
  quantity: number
  status: "active" | "confirmed" | "released" | "expired" | "canceled"
  expires_at: string
  cart_id: string | null
  line_item_id: string | null
  order_id: string | null
  resource: { id: string; title: string } | null
}
