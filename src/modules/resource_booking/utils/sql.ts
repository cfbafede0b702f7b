// Raw SQL for the paths where correctness depends on locks and set-based
// statements. Every value is a bound parameter (knex `?`), never spliced in.

import { locksSwitchedOff } from "./lock-switch"

export const T_RESOURCE = "booking_resource"
export const T_CAPACITY = "booking_capacity"
export const T_HOLD = "booking_hold"
export const T_RUN = "booking_cleanup_run"

/**
 * Test-only negative control (utils/lock-switch.ts): RB_UNSAFE_NO_LOCKS=1
 * mixes the session's pid into every key, so each session locks keys no
 * other session takes and none ever waits: the same statements, no locking.
 */
const UNSHARED = locksSwitchedOff(process.env) ? " # pg_backend_pid()" : ""

/**
 * The advisory-lock key of a (resource, date): the first 64 bits of an md5.
 * The sweep computes it in SQL too, so both sides must use this expression.
 */
export const lockKey = (resource: string, date: string) =>
  `('x' || substr(md5(${resource} || '|' || ${date}), 1, 16))::bit(64)::bigint${UNSHARED}`

/** Input rows passed as one JSON parameter: `[{ resource_id, date }]`. */
const KEYS = `jsonb_to_recordset(?::jsonb) AS k(resource_id text, date text)`

/**
 * Blocks until this transaction holds every key's lock, taken in ascending key
 * order so that two transactions locking overlapping sets cannot deadlock.
 */
export const LOCK_KEYS = `
SELECT count(pg_advisory_xact_lock(s.key))::int AS locked FROM (
  SELECT DISTINCT ${lockKey("k.resource_id", "k.date")} AS key FROM ${KEYS} ORDER BY key
) s`

/**
 * Moves the matching active holds to `status` and gives their quantity back to
 * capacity in the same statement. `where` selects holds of alias `h`.
 */
const restoringTransition = (
  status: "expired" | "released" | "canceled",
  stamp: string,
  where: string,
  before = "",
  from: "active" | "confirmed" = "active"
) => `
WITH ${before}moved AS (
  UPDATE ${T_HOLD} h SET status = '${status}', ${stamp} = now(), updated_at = now()
  WHERE h.status = '${from}' AND h.deleted_at IS NULL AND ${where}
  RETURNING h.id, h.resource_id, h.date, h.quantity
), restored AS (
  UPDATE ${T_CAPACITY} c SET available_capacity = c.available_capacity + s.qty, updated_at = now()
  FROM (SELECT resource_id, date, sum(quantity)::int AS qty FROM moved GROUP BY 1, 2) s
  WHERE c.resource_id = s.resource_id AND c.date = s.date AND c.deleted_at IS NULL
  RETURNING c.id
)
SELECT id FROM moved`

/**
 * LOCK_KEYS and lazy expiry in one round trip (round trips are most of a
 * hold's cost: each wakes a PostgreSQL backend). Parameters: the keys, twice.
 *
 * The `locked` CTE gates the UPDATE, so every lock is held before any hold
 * is changed. The UPDATE's snapshot predates the locks, which is safe here:
 * a hold another transaction changed meanwhile is re-read at its latest
 * version and re-checked (PostgreSQL's EvalPlanQual), capacity is added to
 * its latest value the same way, and a hold inserted meanwhile cannot be
 * overdue (a TTL is at least a minute). Reads that decide anything
 * (capacity, statuses) come in the next statement, with a fresh snapshot.
 *
 * The overdue holds are found per key, through the (resource_id, date,
 * status) index; the OFFSET 0 fence keeps `expires_at` out of that lookup.
 * Otherwise the planner may walk the expiry index, which after a big sweep
 * still holds an entry for every hold just expired until VACUUM: 50,000
 * entries read (4 ms) for every hold created.
 */
export const LOCK_AND_EXPIRE_FOR_KEYS = restoringTransition(
  "expired",
  "expired_at",
  `(SELECT n FROM locked) >= 0 AND h.expires_at <= now() AND h.id = ANY(ARRAY(
    SELECT a.id FROM ${KEYS} CROSS JOIN LATERAL (
      SELECT id, expires_at FROM ${T_HOLD}
      WHERE resource_id = k.resource_id AND date = k.date AND status = 'active' AND deleted_at IS NULL
      OFFSET 0
    ) a WHERE a.expires_at <= now()
  ))`,
  `locked AS MATERIALIZED (
  SELECT count(pg_advisory_xact_lock(s.key))::int AS n FROM (
    SELECT DISTINCT ${lockKey("k.resource_id", "k.date")} AS key FROM ${KEYS} ORDER BY key
  ) s
), `
)

export const RELEASE_HOLDS = restoringTransition(
  "released",
  "released_at",
  `h.expires_at > now() AND h.id IN (SELECT jsonb_array_elements_text(?::jsonb))`
)

/** confirmed → canceled (the order was canceled), giving the quantity back. */
export const CANCEL_HOLDS = restoringTransition(
  "canceled",
  "canceled_at",
  `h.id IN (SELECT jsonb_array_elements_text(?::jsonb))`,
  "",
  "confirmed"
)

/** An order's confirmed holds and their keys, to lock before canceling them. */
export const CONFIRMED_HOLD_KEYS_FOR_ORDER = `
SELECT id, resource_id, date FROM ${T_HOLD}
WHERE order_id = ? AND status = 'confirmed' AND deleted_at IS NULL`

/**
 * Every hold of a cart, newest first: what the cart sync plans from. Through
 * the cart_id index; `overdue` is judged by the database's clock.
 */
export const CART_HOLDS = `
SELECT id, resource_id, date, quantity, status, line_item_id, order_id, expires_at <= now() AS overdue
FROM ${T_HOLD}
WHERE cart_id = ? AND deleted_at IS NULL
ORDER BY created_at DESC, id DESC`

/** Whether a cart has any active hold: lets a cart without bookings skip the sync. */
export const CART_HAS_ACTIVE_HOLD = `
SELECT EXISTS (
  SELECT 1 FROM ${T_HOLD} WHERE cart_id = ? AND status = 'active' AND deleted_at IS NULL
) AS found`

/** Ties active holds (made through the holds API) to the line item they now cover. */
export const BIND_HOLDS = `
UPDATE ${T_HOLD} h SET line_item_id = b.line_item_id, updated_at = now()
FROM jsonb_to_recordset(?::jsonb) AS b(id text, line_item_id text)
WHERE h.id = b.id AND h.status = 'active' AND h.deleted_at IS NULL
RETURNING h.id`

export const CONFIRM_HOLDS = `
UPDATE ${T_HOLD} SET status = 'confirmed', confirmed_at = now(), updated_at = now(),
  order_id = coalesce(?::text, order_id)
WHERE status = 'active' AND expires_at > now() AND deleted_at IS NULL
  AND id IN (SELECT jsonb_array_elements_text(?::jsonb))
RETURNING id`

export const EXTEND_HOLD = `
UPDATE ${T_HOLD} SET expires_at = expires_at + make_interval(mins => ?::int), updated_at = now()
WHERE id = ? AND status = 'active' AND expires_at > now() AND deleted_at IS NULL
RETURNING *`

export const HOLD_KEYS_BY_IDS = `
SELECT id, resource_id, date FROM ${T_HOLD}
WHERE deleted_at IS NULL AND id IN (SELECT jsonb_array_elements_text(?::jsonb))`

export const HOLDS_BY_IDS = `
SELECT * FROM ${T_HOLD}
WHERE deleted_at IS NULL AND id IN (SELECT jsonb_array_elements_text(?::jsonb))`

/**
 * For each (resource, date) row `n`, its resource `r` and capacity `c`.
 *
 * Lookups are LATERAL ... LIMIT 1 (which the planner cannot flatten into a
 * hash or merge join) so each item is an index probe whatever the table's
 * statistics say: right after a bulk setCapacity, before autovacuum has
 * analyzed the table, a plain join scanned every capacity row (27 ms at
 * 30,000 rows instead of 0.03 ms).
 */
const LOOKUPS = `
LEFT JOIN LATERAL (
  SELECT id, title, is_active, hold_ttl_minutes FROM ${T_RESOURCE}
  WHERE id = n.resource_id AND deleted_at IS NULL LIMIT 1
) r ON true
LEFT JOIN LATERAL (
  SELECT id, available_capacity, max_capacity FROM ${T_CAPACITY}
  WHERE resource_id = n.resource_id AND date = n.date AND deleted_at IS NULL LIMIT 1
) c ON true`

/**
 * What each requested (resource, date) needs and has, after lazy expiry: the
 * explanation when INSERT_HOLDS refused.
 */
export const CAPACITY_FOR_ITEMS = `
SELECT n.resource_id, n.date, n.need, r.id IS NOT NULL AS resource_found, r.title, r.is_active,
  c.id IS NOT NULL AS capacity_found, c.available_capacity, c.max_capacity
FROM (
  SELECT i.resource_id, i.date, sum(i.quantity)::int AS need
  FROM jsonb_to_recordset(?::jsonb) AS i(resource_id text, date text, quantity int)
  GROUP BY 1, 2
) n
${LOOKUPS}
ORDER BY n.resource_id, n.date`

/**
 * Checks, decrements capacity and inserts the holds in one statement, all or
 * nothing: when any item's resource is missing or inactive, or its day has no
 * capacity or too little, nothing changes and no row comes back (the caller
 * then asks CAPACITY_FOR_ITEMS why, under the same locks). The TTL is the
 * caller's, else the resource's, else the plugin default. The CHECK on
 * capacity would refuse a negative result anyway.
 */
export const INSERT_HOLDS = `
WITH items AS (
  SELECT * FROM jsonb_to_recordset(?::jsonb)
    AS i(id text, resource_id text, date text, quantity int, ord int, line_item_id text)
), found AS (
  SELECT n.resource_id, n.date, n.need, r.is_active, r.hold_ttl_minutes, c.id AS capacity_id, c.available_capacity
  FROM (SELECT resource_id, date, sum(quantity)::int AS need FROM items GROUP BY 1, 2) n
  ${LOOKUPS}
), short AS (
  SELECT 1 FROM found
  WHERE is_active IS NOT TRUE OR available_capacity IS NULL OR available_capacity < need
  LIMIT 1
), dec AS (
  UPDATE ${T_CAPACITY} c
  SET available_capacity = c.available_capacity - (SELECT f.need FROM found f WHERE f.capacity_id = c.id),
    updated_at = now()
  WHERE NOT EXISTS (SELECT 1 FROM short) AND c.id = ANY(ARRAY(SELECT capacity_id FROM found))
  RETURNING c.id
)
INSERT INTO ${T_HOLD} (id, resource_id, date, quantity, status, expires_at, cart_id, customer_id,
  metadata, line_item_id, created_at, updated_at)
SELECT i.id, i.resource_id, i.date, i.quantity, 'active',
  now() + make_interval(mins => coalesce(?::int, f.hold_ttl_minutes, ?::int)),
  ?::text, ?::text, ?::jsonb, i.line_item_id, now(), now()
FROM items i JOIN found f ON f.resource_id = i.resource_id AND f.date = i.date
WHERE NOT EXISTS (SELECT 1 FROM short)
ORDER BY i.ord
RETURNING *`

/** Which days of a resource already use more than the new max. */
export const USED_OVER_MAX = `
SELECT date, sum(quantity)::int AS used FROM ${T_HOLD}
WHERE resource_id = ? AND status IN ('active', 'confirmed') AND deleted_at IS NULL
  AND date IN (SELECT jsonb_array_elements_text(?::jsonb))
GROUP BY date HAVING sum(quantity) > ?
ORDER BY date`

/** Upserts a range of days; available = max - what active and confirmed holds use. */
export const UPSERT_CAPACITY = `
WITH days AS (
  SELECT * FROM jsonb_to_recordset(?::jsonb) AS d(id text, date text)
), used AS (
  SELECT h.date, sum(h.quantity)::int AS qty FROM ${T_HOLD} h
  WHERE h.resource_id = ? AND h.status IN ('active', 'confirmed') AND h.deleted_at IS NULL
    AND h.date IN (SELECT date FROM days)
  GROUP BY h.date
)
INSERT INTO ${T_CAPACITY} (id, resource_id, date, max_capacity, available_capacity, created_at, updated_at)
SELECT d.id, ?, d.date, ?::int, ?::int - coalesce(u.qty, 0), now(), now()
FROM days d LEFT JOIN used u ON u.date = d.date
ON CONFLICT (resource_id, date) WHERE deleted_at IS NULL DO UPDATE
  SET max_capacity = excluded.max_capacity, available_capacity = excluded.available_capacity,
      updated_at = now()
RETURNING *`

/**
 * One sweep batch, one statement. Rows are claimed with SKIP LOCKED so that
 * concurrent sweepers take disjoint holds; a key is only touched if its
 * advisory lock is free (try-lock), so the sweep never waits while holding row
 * locks and cannot deadlock with createHolds. Holds of busy keys are left for
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
  SELECT id, resource_id, date, quantity FROM ${T_HOLD}
  WHERE status = 'active' AND expires_at <= now() AND deleted_at IS NULL
  ORDER BY expires_at
  LIMIT ?
  FOR UPDATE SKIP LOCKED
), keys AS (
  SELECT resource_id, date, pg_try_advisory_xact_lock(${lockKey("resource_id", "date")}) AS got
  FROM (SELECT DISTINCT resource_id, date FROM picked) d
), expired AS (
  UPDATE ${T_HOLD} h SET status = 'expired', expired_at = now(), updated_at = now()
  FROM picked p JOIN keys k ON k.resource_id = p.resource_id AND k.date = p.date AND k.got
  WHERE h.id = p.id AND h.status = 'active'
  RETURNING h.id, h.resource_id, h.date, h.quantity
), restored AS (
  UPDATE ${T_CAPACITY} c SET available_capacity = c.available_capacity + s.qty, updated_at = now()
  FROM (SELECT resource_id, date, sum(quantity)::int AS qty FROM expired GROUP BY 1, 2) s
  WHERE c.resource_id = s.resource_id AND c.date = s.date AND c.deleted_at IS NULL
  RETURNING s.qty
)
SELECT
  (SELECT count(*) FROM picked)::int AS picked,
  (SELECT count(*) FROM expired)::int AS expired_count,
  (SELECT coalesce(sum(qty), 0) FROM restored)::int AS capacity_restored,
  (SELECT coalesce(json_agg(id), '[]'::json) FROM expired) AS expired_ids,
  (SELECT json_build_object('resource_id', resource_id, 'date', date) FROM keys WHERE NOT got LIMIT 1)
    AS busy_key,
  set_config('synchronous_commit', 'off', true) AS synchronous_commit`

export const COUNT_OVERDUE = `
SELECT count(*)::int AS holds, coalesce(sum(quantity), 0)::int AS quantity FROM ${T_HOLD}
WHERE status = 'active' AND expires_at <= now() AND deleted_at IS NULL`

export const START_RUN = `
INSERT INTO ${T_RUN} (id, started_at, trigger, dry_run, expired_count, capacity_restored, batches,
  created_at, updated_at)
VALUES (?, clock_timestamp(), ?, ?, 0, 0, 0, now(), now())
RETURNING *`

export const FINISH_RUN = `
UPDATE ${T_RUN} SET finished_at = clock_timestamp(),
  duration_ms = round(extract(epoch FROM clock_timestamp() - started_at) * 1000)::int,
  expired_count = ?, capacity_restored = ?, batches = ?, error = ?, updated_at = now()
WHERE id = ?
RETURNING *`

export const HEALTH_FIGURES = `
SELECT now() AS now,
  (SELECT coalesce(json_object_agg(status, n), '{}'::json) FROM (
     SELECT status, count(*)::int AS n FROM ${T_HOLD} WHERE deleted_at IS NULL GROUP BY status) s
  ) AS holds,
  (SELECT count(*)::int FROM ${T_HOLD}
     WHERE status = 'active' AND expires_at <= now() AND deleted_at IS NULL) AS overdue,
  (SELECT count(*)::int FROM ${T_HOLD}
     WHERE status = 'active' AND expires_at <= now() - make_interval(secs => ?::double precision)
       AND deleted_at IS NULL) AS overdue_past_period,
  (SELECT min(expires_at) FROM ${T_HOLD}
     WHERE status = 'active' AND expires_at <= now() AND deleted_at IS NULL) AS oldest_overdue,
  (SELECT count(*)::int FROM ${T_RESOURCE} WHERE is_active AND deleted_at IS NULL) AS active_resources,
  (SELECT count(*)::int FROM ${T_CAPACITY} WHERE deleted_at IS NULL) AS capacity_records,
  (SELECT json_build_object('max', coalesce(sum(max_capacity), 0), 'available', coalesce(sum(available_capacity), 0))
     FROM ${T_CAPACITY}
     WHERE deleted_at IS NULL AND date >= to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD')) AS upcoming,
  (SELECT row_to_json(r) FROM (SELECT * FROM ${T_RUN} ORDER BY started_at DESC LIMIT 1) r) AS last_run,
  (SELECT max(started_at) FROM ${T_RUN} WHERE trigger = 'schedule') AS last_scheduled_at`

export const AVAILABILITY = `
SELECT c.date, c.max_capacity, (c.available_capacity + coalesce(o.qty, 0))::int AS available_capacity
FROM ${T_CAPACITY} c
LEFT JOIN (
  SELECT date, sum(quantity)::int AS qty FROM ${T_HOLD}
  WHERE resource_id = ? AND status = 'active' AND expires_at <= now() AND deleted_at IS NULL
  GROUP BY date
) o ON o.date = c.date
WHERE c.resource_id = ? AND c.date BETWEEN ? AND ? AND c.deleted_at IS NULL
ORDER BY c.date`

export const CAPACITY_DAYS = `
SELECT date FROM ${T_CAPACITY} WHERE resource_id = ? AND deleted_at IS NULL`

export const COUNT_LIVE_HOLDS = `
SELECT count(*)::int AS holds FROM ${T_HOLD}
WHERE resource_id = ? AND status IN ('active', 'confirmed') AND deleted_at IS NULL`

export const SOFT_DELETE_RESOURCE = `
WITH caps AS (
  UPDATE ${T_CAPACITY} SET deleted_at = now(), updated_at = now()
  WHERE resource_id = ? AND deleted_at IS NULL RETURNING id
)
UPDATE ${T_RESOURCE} SET deleted_at = now(), updated_at = now()
WHERE id = ? AND deleted_at IS NULL RETURNING id`

/** Soft-deletes days that no active or confirmed hold uses. */
export const DELETE_UNUSED_DAYS = `
UPDATE ${T_CAPACITY} c SET deleted_at = now(), updated_at = now()
WHERE c.resource_id = ? AND c.deleted_at IS NULL
  AND c.date IN (SELECT jsonb_array_elements_text(?::jsonb))
  AND NOT EXISTS (
    SELECT 1 FROM ${T_HOLD} h WHERE h.resource_id = c.resource_id AND h.date = c.date
      AND h.status IN ('active', 'confirmed') AND h.deleted_at IS NULL)`
