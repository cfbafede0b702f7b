// The advisory locks' statements. Values are bound parameters; only table
// names and the fragments below are interpolated.
import { restoringTransition } from "../holds/sql"
import { T_HOLD } from "../models/tables"
import { locksSwitchedOff } from "./switch"

/**
 * Test-only negative control: RB_UNSAFE_NO_LOCKS=1 mixes the session's pid
 * into every key, so each session locks keys no other session takes and none
 * ever waits: the same statements, no locking.
 */
const UNSHARED = locksSwitchedOff(process.env) ? " # pg_backend_pid()" : ""

/**
 * The same switch inside the module's functions (holds/functions.ts), which a
 * migration creates once for every process: a parameter of each call,
 * `p_unshared`, instead of a fragment chosen at load.
 */
export const UNSHARED_BY_PARAMETER = " # CASE WHEN p_unshared THEN pg_backend_pid() ELSE 0 END"

/**
 * The advisory-lock key of a (resource, date, slot): the first 64 bits of an
 * md5. Every statement that locks uses this expression. A whole-day key
 * (slot "") hashes exactly as before slots existed, so processes of the
 * previous version and this one lock the same key for the same day during a
 * rolling deploy.
 */
export const lockKey = (resource: string, date: string, slot: string, unshared = UNSHARED) =>
  `('x' || substr(md5(${resource} || '|' || ${date} || CASE WHEN coalesce(${slot}, '') = '' THEN '' ELSE '|' || ${slot} END), 1, 16))::bit(64)::bigint${unshared}`

/**
 * The advisory lock of a whole resource, in PostgreSQL's two-key space (which
 * never meets the single-key space of lockKey): every operation takes it
 * shared before its keys' locks, and a bulk write (a year of a resource sold
 * by 96 slots is 35,040 keys, past PostgreSQL's default lock table) takes it
 * exclusive instead of one lock per key. `RESOURCE_LOCKS` is the class.
 */
const RESOURCE_LOCKS = "29282"
export const resourceLockId = (resource: string, unshared = UNSHARED) => `hashtext(${resource})${unshared}`

/**
 * An order's lock, in the two-key space with a class of its own (29283):
 * every change of an order's holds (syncOrderHolds) and its cancel
 * (cancelOrderHolds) take it first, so a cancel never misses holds that a
 * change of the same order confirms while it runs, and a change made after
 * the cancel sees the order canceled (docs/design.md §9). Parameter: the order.
 */
export const LOCK_ORDER = `SELECT pg_advisory_xact_lock(29283, hashtext(?::text))`

/** Input rows passed as one JSON parameter: `[{ resource_id, date, slot }]`. */
export const KEYS = `jsonb_to_recordset(?::jsonb) AS k(resource_id text, date text, slot text)`

/** Resources to lock first, as one JSON parameter: `[{ resource_id, exclusive }]`. */
const RESOURCES = `jsonb_to_recordset(?::jsonb) AS r(resource_id text, exclusive boolean)`

/**
 * Takes the resources' locks (shared, or exclusive for a bulk write) and
 * then the keys' locks, each set in ascending order, so that two
 * transactions locking overlapping sets cannot deadlock; blocks until all
 * are held. Parameters: the resources, the keys to lock one by one.
 *
 * It also turns JIT off for the rest of the transaction: the statements
 * after the locks touch a few rows, but a JSON parameter's rows are
 * estimated at 100, and on a large hold table such an estimate passes
 * jit_above_cost; compiling then took 1.3 s of a 1.3 s hold (bench/RESULTS.md).
 */
const locked = (unshared: string) => `
resources_locked AS MATERIALIZED (
  SELECT count(CASE WHEN s.exclusive THEN pg_advisory_xact_lock(${RESOURCE_LOCKS}, s.h)
    ELSE pg_advisory_xact_lock_shared(${RESOURCE_LOCKS}, s.h) END)::int
    + length(set_config('jit', 'off', true)) * 0 AS n
  FROM (SELECT ${resourceLockId("r.resource_id", unshared)} AS h, bool_or(r.exclusive) AS exclusive FROM ${RESOURCES} GROUP BY 1 ORDER BY 1) s
), locked AS MATERIALIZED (
  SELECT count(pg_advisory_xact_lock(s.key))::int AS n FROM (
    SELECT DISTINCT ${lockKey("k.resource_id", "k.date", "k.slot", unshared)} AS key FROM ${KEYS} ORDER BY key
  ) s
  WHERE (SELECT n FROM resources_locked) >= 0
)`

/** Blocks until this transaction holds the resources' and the keys' locks. Parameters: as LOCKED's. */
export const LOCK_KEYS = `WITH ${locked(UNSHARED)} SELECT n AS locked FROM locked`

/**
 * LOCK_KEYS and lazy expiry in one round trip (round trips are most of a
 * hold's cost). Parameters: the resources, the keys to lock one by one, and
 * every key to expire (those of a bulk write too, which its resource's
 * exclusive lock covers).
 *
 * The `locked` CTE gates the UPDATE, so every lock is held before any hold
 * is changed. The UPDATE's snapshot predates the locks, which is safe here:
 * a hold another transaction changed meanwhile is re-read at its latest
 * version and re-checked (PostgreSQL's EvalPlanQual), capacity is added to
 * its latest value the same way, and a hold inserted meanwhile cannot be
 * overdue (a TTL is at least a minute). Reads that decide anything
 * (capacity, statuses) come in the next statement, with a fresh snapshot.
 *
 * The overdue holds are found per key, as a range of the partial index of
 * active holds by (resource_id, date, slot, expires_at), so a hot key's
 * thousands of live holds are not read on every hold. The clock is a
 * subquery: evaluated once, after the locks, it can bound an index scan,
 * which clock_timestamp() itself (volatile) cannot; the UPDATE re-checks
 * each hold against the clock anyway. The lookup stays one per key (OFFSET
 * 0) and so does not walk the global expiry index, which after a big sweep
 * still holds an entry for every hold just expired until VACUUM
 * (integration-tests/modules/query-plans.spec.ts checks both).
 */
export const lockAndExpireForKeys = (unshared: string) => restoringTransition(
  "expired",
  "expired_at",
  `(SELECT n FROM locked) >= 0 AND h.expires_at <= clock_timestamp() AND h.id = ANY(ARRAY(
    SELECT a.id FROM ${KEYS} CROSS JOIN LATERAL (
      SELECT id FROM ${T_HOLD}
      WHERE resource_id = k.resource_id AND date = k.date AND slot = k.slot AND status = 'active'
        AND deleted_at IS NULL AND expires_at <= (SELECT clock_timestamp())
      OFFSET 0
    ) a
  ))`,
  `${locked(unshared)}, `
)

export const LOCK_AND_EXPIRE_FOR_KEYS = lockAndExpireForKeys(UNSHARED)

/**
 * The sweep's lock of one key: the resource's lock shared and the key's,
 * each tried, never waited for (the sweep holds row locks meanwhile).
 */
export const tryLockKey = (resource: string, date: string, slot: string) =>
  `(pg_try_advisory_xact_lock_shared(${RESOURCE_LOCKS}, ${resourceLockId(resource)}) AND pg_try_advisory_xact_lock(${lockKey(resource, date, slot)}))`
