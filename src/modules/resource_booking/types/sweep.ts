// The sweep's input, result and record.
/** Who ran a sweep: the built-in job, an operator (admin API), or the shell command (src/scripts/sweep.ts). */
export type CleanupTrigger = "schedule" | "manual" | "cli"

export type CleanupInput = {
  batchSize?: number
  dryRun?: boolean
  trigger?: CleanupTrigger
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
  /** Retention: finished holds and old cleanup runs deleted (on a dry run: that would be). */
  deleted_holds: number
  deleted_runs: number
}

/** A sweep's record (a cleanup_run row), times as ISO strings. */
export type CleanupRunRecord = {
  id: string
  started_at: string
  finished_at: string | null
  duration_ms: number | null
  trigger: CleanupTrigger
  dry_run: boolean
  expired_count: number
  capacity_restored: number
  batches: number
  deleted_holds: number
  deleted_runs: number
  /** Orders the unpaid-order step canceled in this run (on a dry run: would have). */
  unpaid_canceled: number
  error: string | null
}
