import { generateEntityId } from "@medusajs/framework/utils"
import { errorMessage, invalid } from "../errors"
import { HoldEvents } from "../events"
import { LOCK_KEYS } from "../locks"
import { json } from "../op"
import type { CleanupInput, CleanupResult } from "../types"
import { MAX_CLEANUP_BATCH_SIZE } from "../utils/limits"
import type { ResourceBookingOptions } from "../utils/options"
import { assertInt } from "../utils/validate"
import * as SQL from "./sql"

/** Consecutive batches that found only busy keys before a sweep gives up. */
const MAX_STALLED_BATCHES = 10

/** Runs one statement in its own short transaction (commits on return). */
export type RunStatement = (sql: string, params: unknown[]) => Promise<any[]>

type Totals = { expired: number; restored: number; batches: number; ids: string[]; deletedHolds: number; deletedRuns: number }

/**
 * Expires every overdue active hold and restores its capacity, one statement
 * per batch, each batch its own transaction: a failed batch keeps the work of
 * earlier ones, and any number of sweepers can run at once. Records a
 * cleanup_run row in every case; an error is recorded, not thrown.
 */
export async function cleanupExpiredHolds(
  run: RunStatement,
  options: ResourceBookingOptions,
  input: CleanupInput,
  note: (eventName: string, ids: string[]) => void
): Promise<CleanupResult> {
  const batchSize = assertInt(input.batchSize ?? options.cleanupBatchSize, "batch_size", 1, MAX_CLEANUP_BATCH_SIZE)
  const trigger = input.trigger ?? "manual"
  if (trigger !== "schedule" && trigger !== "manual" && trigger !== "cli") {
    invalid(`trigger must be "schedule", "manual" or "cli", got ${json(trigger)}`)
  }
  const dryRun = input.dryRun === true
  const [started] = await run(SQL.START_RUN, [generateEntityId(undefined, "rbrun"), trigger, dryRun])

  const totals: Totals = { expired: 0, restored: 0, batches: 0, ids: [], deletedHolds: 0, deletedRuns: 0 }
  let error: string | null = null
  try {
    if (dryRun) {
      const [{ holds, quantity }] = await run(SQL.COUNT_OVERDUE, [])
      Object.assign(totals, { expired: holds, restored: quantity, batches: Math.ceil(holds / batchSize) })
      await countRetention(run, options, started.id, totals)
    } else {
      await sweep(run, batchSize, totals, note)
      await retain(run, options, batchSize, started.id, totals)
    }
  } catch (e) {
    error = errorMessage(e)
  }

  const [finished] = await run(SQL.FINISH_RUN, [
    totals.expired,
    totals.restored,
    totals.batches,
    totals.deletedHolds,
    totals.deletedRuns,
    error,
    started.id,
  ])
  return {
    run_id: finished.id,
    expired_count: totals.expired,
    capacity_restored: totals.restored,
    duration_ms: finished.duration_ms,
    batches: totals.batches,
    dry_run: dryRun,
    error,
    expired_ids: totals.ids,
    deleted_holds: totals.deletedHolds,
    deleted_runs: totals.deletedRuns,
  }
}

/**
 * Deletes finished holds past retainFinishedHoldsDays, a batch per statement
 * (each its own transaction, like the sweep's), and run records past
 * retainRunsDays. 0 keeps them for ever.
 */
async function retain(run: RunStatement, options: ResourceBookingOptions, batchSize: number, runId: string, totals: Totals) {
  if (options.retainFinishedHoldsDays > 0) {
    for (;;) {
      const [b] = await run(SQL.DELETE_FINISHED_HOLDS, [options.retainFinishedHoldsDays, batchSize])
      totals.deletedHolds += b.deleted
      if (b.picked < batchSize) {
        break
      }
    }
  }
  if (options.retainRunsDays > 0) {
    const [r] = await run(SQL.DELETE_OLD_RUNS, [options.retainRunsDays, runId])
    totals.deletedRuns = r.deleted
  }
}

async function countRetention(run: RunStatement, options: ResourceBookingOptions, runId: string, totals: Totals) {
  if (options.retainFinishedHoldsDays > 0) {
    totals.deletedHolds = (await run(SQL.COUNT_FINISHED_HOLDS, [options.retainFinishedHoldsDays]))[0].n
  }
  if (options.retainRunsDays > 0) {
    totals.deletedRuns = (await run(SQL.COUNT_OLD_RUNS, [options.retainRunsDays, runId]))[0].n
  }
}

async function sweep(run: RunStatement, batchSize: number, totals: Totals, note: (e: string, ids: string[]) => void) {
  let stalled = 0
  for (;;) {
    const [b] = await run(SQL.SWEEP_BATCH, [batchSize])
    if (b.picked === 0) {
      return
    }
    if (b.expired_count > 0) {
      totals.batches++
      totals.expired += b.expired_count
      totals.restored += b.capacity_restored
      totals.ids.push(...b.expired_ids)
      note(HoldEvents.EXPIRED, b.expired_ids)
      stalled = 0
    } else if (++stalled >= MAX_STALLED_BATCHES) {
      return
    }
    if (b.busy_key) {
      // Another transaction owns a key we need: wait for it, holding nothing.
      await run(LOCK_KEYS, [json([{ resource_id: b.busy_key.resource_id, exclusive: false }]), json([b.busy_key])])
    } else if (b.picked < batchSize) {
      return
    }
  }
}
