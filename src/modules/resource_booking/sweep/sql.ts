// The sweep and the record of its runs.
import { tryLockKey } from "../locks"
import { T_CAPACITY, T_HOLD, T_RUN } from "../models/tables"

/**
 * One sweep batch, one statement. Rows are claimed with SKIP LOCKED so that
 * concurrent sweepers take disjoint holds; a key is only touched if its
 * advisory lock is free (try-lock), so the sweep never waits while holding row
 * locks and cannot deadlock with placeHolds. Holds of busy keys are left for
 * the next batch; `busy_key` names one so the caller can wait for it.
 *
 * The batch commits without waiting for its WAL to reach disk
 * (synchronous_commit off for this transaction only): that wait is spent
 * holding the batch's key locks, and it is a large part of a batch on a slow
 * disk (bench/RESULTS.md). Losing a committed batch is safe:
 * a database crash in the next fraction of a second (wal_writer_delay) can
 * undo the whole batch, never part of it, and the holds are then overdue
 * again for the next sweep. Nothing durable can depend on a lost batch:
 * whatever committed after it (a hold that took the restored capacity, the
 * run record) flushed the WAL up to its own commit, the batch's included.
 */
export const SWEEP_BATCH = `
WITH picked AS (
  SELECT id, resource_id, date, slot, quantity FROM ${T_HOLD}
  WHERE status = 'active' AND expires_at <= clock_timestamp() AND deleted_at IS NULL
  ORDER BY expires_at
  LIMIT ?
  FOR UPDATE SKIP LOCKED
), keys AS (
  SELECT resource_id, date, slot, ${tryLockKey("resource_id", "date", "slot")} AS got
  FROM (SELECT DISTINCT resource_id, date, slot FROM picked) d
), expired AS (
  UPDATE ${T_HOLD} h SET status = 'expired', expired_at = now(), updated_at = now()
  FROM picked p JOIN keys k ON k.resource_id = p.resource_id AND k.date = p.date AND k.slot = p.slot AND k.got
  WHERE h.id = p.id AND h.status = 'active'
  RETURNING h.id, h.resource_id, h.date, h.slot, h.quantity
), restored AS (
  UPDATE ${T_CAPACITY} c SET available_capacity = c.available_capacity + s.qty, updated_at = now()
  FROM (SELECT resource_id, date, slot, sum(quantity)::int AS qty FROM expired GROUP BY 1, 2, 3) s
  WHERE c.resource_id = s.resource_id AND c.date = s.date AND c.slot = s.slot AND c.deleted_at IS NULL
  RETURNING s.qty
)
SELECT
  (SELECT count(*) FROM picked)::int AS picked,
  (SELECT count(*) FROM expired)::int AS expired_count,
  (SELECT coalesce(sum(qty), 0) FROM restored)::int AS capacity_restored,
  (SELECT coalesce(json_agg(id), '[]'::json) FROM expired) AS expired_ids,
  (SELECT json_build_object('resource_id', resource_id, 'date', date, 'slot', slot) FROM keys WHERE NOT got LIMIT 1)
    AS busy_key,
  set_config('synchronous_commit', 'off', true) AS synchronous_commit`

export const COUNT_OVERDUE = `
SELECT count(*)::int AS holds, coalesce(sum(quantity), 0)::int AS quantity FROM ${T_HOLD}
WHERE status = 'active' AND expires_at <= clock_timestamp() AND deleted_at IS NULL`

export const START_RUN = `
INSERT INTO ${T_RUN} (id, started_at, trigger, dry_run, expired_count, capacity_restored, batches,
  created_at, updated_at)
VALUES (?, clock_timestamp(), ?, ?, 0, 0, 0, now(), now())
RETURNING *`

export const FINISH_RUN = `
UPDATE ${T_RUN} SET finished_at = clock_timestamp(),
  duration_ms = round(extract(epoch FROM clock_timestamp() - started_at) * 1000)::int,
  expired_count = ?, capacity_restored = ?, batches = ?, deleted_holds = ?, deleted_runs = ?, error = ?,
  updated_at = now()
WHERE id = ?
RETURNING *`

// Retention (docs/design.md §2.5). A finished hold (released, expired,
// canceled) never changes again and uses no capacity, so deleting it cannot
// touch the invariant; confirmed and active holds are never candidates. Its
// last change (updated_at) is when it finished. Rows are claimed with SKIP
// LOCKED so concurrent sweepers delete disjoint batches. The predicate is the
// partial index's (IDX_booking_hold_finished_updated_at); the holds of a
// soft-deleted resource stay until the resource itself is deleted.
const FINISHED_BEFORE = `
  status IN ('released', 'expired', 'canceled') AND deleted_at IS NULL
  AND updated_at < clock_timestamp() - make_interval(days => ?)`

export const DELETE_FINISHED_HOLDS = `
WITH doomed AS (
  SELECT id FROM ${T_HOLD} WHERE ${FINISHED_BEFORE}
  ORDER BY updated_at
  LIMIT ?
  FOR UPDATE SKIP LOCKED
), deleted AS (
  DELETE FROM ${T_HOLD} h USING doomed d WHERE h.id = d.id RETURNING h.id
)
SELECT (SELECT count(*) FROM doomed)::int AS picked, (SELECT count(*) FROM deleted)::int AS deleted`

export const COUNT_FINISHED_HOLDS = `SELECT count(*)::int AS n FROM ${T_HOLD} WHERE ${FINISHED_BEFORE}`

// Old run records, never this run nor the newest run of the schedule or the
// command (health reads its time: docs/design.md §5).
const OLD_RUNS = `
  started_at < clock_timestamp() - make_interval(days => ?) AND id <> ?
  AND id IS DISTINCT FROM (
    SELECT id FROM ${T_RUN} WHERE trigger IN ('schedule', 'cli') ORDER BY started_at DESC LIMIT 1
  )`

export const DELETE_OLD_RUNS = `
WITH deleted AS (DELETE FROM ${T_RUN} WHERE ${OLD_RUNS} RETURNING id)
SELECT count(*)::int AS deleted FROM deleted`

export const COUNT_OLD_RUNS = `SELECT count(*)::int AS n FROM ${T_RUN} WHERE ${OLD_RUNS}`
