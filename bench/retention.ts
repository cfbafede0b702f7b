import type { Client } from "pg"
import type ResourceBookingModuleService from "../src/modules/resource_booking/service"
import { invariantBreaks } from "./database"
import { KEY_OF, seed } from "./fixtures"

// What a busy store's history costs and what retention gives back: a hold's
// time and the sweep's rate with `finished` released, expired and canceled
// holds in the table, before and after the sweep's retention deletes them
// (the module's defaults: finished holds older than 90 days).

export type RetentionMeasure = { hold_ms_median: number; hold_ms_p95: number; sweep_holds_per_s: number; table_mb: number }
export type RetentionResult = {
  finished: number
  overdue: number
  probes: number
  before: RetentionMeasure
  after: RetentionMeasure
  retention: { deleted: number; ms: number; rows_per_s: number; batches_of: number }
  correct: boolean
  checks: Record<string, number | boolean>
}

const STATUSES = ["released", "expired", "canceled"]

/** `n` finished holds over the 1,000 keys, finished `daysAgo` days ago (they use no capacity). */
async function insertFinished(db: Client, n: number, daysAgo: number) {
  await db.query(
    `INSERT INTO booking_hold (id, resource_id, date, slot, quantity, status, expires_at, updated_at, cart_id)
     SELECT 'fin_' || g, k.resource_id, to_char(current_date + k.d, 'YYYY-MM-DD'), k.slot, 1,
       ($2::text[])[g % 3 + 1], now() - make_interval(days => $3), now() - make_interval(days => $3),
       'cart_hist_' || (g / 4) -- carts of four holds each, as shoppers leave them
     FROM generate_series(0, $1 - 1) g, LATERAL (SELECT ${KEY_OF}) k`,
    [n, STATUSES, daysAgo]
  )
}

/** `n` overdue active holds over the keys, their capacity taken (the invariant kept). */
async function insertOverdue(db: Client, n: number, tag: string) {
  await db.query(
    `WITH ins AS (
       INSERT INTO booking_hold (id, resource_id, date, slot, quantity, status, expires_at)
       SELECT 'od' || $2 || '_' || g, k.resource_id, to_char(current_date + k.d, 'YYYY-MM-DD'), k.slot, 1, 'active',
         now() - interval '1 hour'
       FROM generate_series(0, $1 - 1) g, LATERAL (SELECT ${KEY_OF}) k
       RETURNING resource_id, date, slot
     )
     UPDATE booking_capacity c SET available_capacity = c.available_capacity - u.n
     FROM (SELECT resource_id, date, slot, count(*)::int AS n FROM ins GROUP BY 1, 2, 3) u
     WHERE c.resource_id = u.resource_id AND c.date = u.date AND c.slot = u.slot`,
    [n, tag]
  )
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]

async function measure(service: ResourceBookingModuleService, db: Client, overdue: number, probes: number, tag: string) {
  const { rows: keys } = await db.query(`SELECT resource_id, date, slot FROM booking_capacity ORDER BY id`)
  const times: number[] = []
  const ids: string[] = []
  for (let i = 0; i < probes; i++) {
    const key = keys[(i * 7919) % keys.length]
    const t = process.hrtime.bigint()
    // A cart's hold, as a storefront's: its cap looks up the cart's first hold on the key.
    const [hold] = await service.placeHolds([{ ...key, quantity: 1 }], { cart_id: `cart_probe_${tag}_${i}` })
    times.push(Number(process.hrtime.bigint() - t) / 1e6)
    ids.push(hold.id)
  }
  await service.releaseHolds(ids)
  times.sort((a, b) => a - b)

  await insertOverdue(db, overdue, tag)
  const t = process.hrtime.bigint()
  const run = await service.cleanupExpiredHolds()
  const ms = Number(process.hrtime.bigint() - t) / 1e6
  const { rows: [size] } = await db.query(`SELECT pg_total_relation_size('booking_hold')::float / 1048576 AS mb`)
  return {
    measure: {
      hold_ms_median: +quantile(times, 0.5).toFixed(2),
      hold_ms_p95: +quantile(times, 0.95).toFixed(2),
      sweep_holds_per_s: Math.round(run.expired_count / (ms / 1000)),
      table_mb: Math.round(size.mb),
    },
    run,
  }
}

export async function benchRetention(
  service: ResourceBookingModuleService,
  db: Client,
  { finished, overdue, probes, log }: { finished: number; overdue: number; probes: number; log?: (s: string) => void }
): Promise<RetentionResult> {
  await seed(db, 0) // the 1,000 keys and their capacity, no holds
  await insertFinished(db, finished, 60) // younger than the 90 days kept
  await db.query(`VACUUM ANALYZE booking_hold`)
  log?.(`retention: ${finished} finished holds seeded`)

  const before = await measure(service, db, overdue, probes, "a")
  log?.(`retention: before ${JSON.stringify(before.measure)}`)

  // Time travel: the same history, now past its retention.
  await db.query(`UPDATE booking_hold SET updated_at = updated_at - interval '100 days' WHERE id LIKE 'fin\\_%'`)
  await db.query(`VACUUM ANALYZE booking_hold`)
  const t = process.hrtime.bigint()
  const retained = await service.cleanupExpiredHolds()
  const ms = Number(process.hrtime.bigint() - t) / 1e6
  log?.(`retention: deleted ${retained.deleted_holds} in ${Math.round(ms)} ms`)
  await db.query(`VACUUM ANALYZE booking_hold`) // what autovacuum does next

  const after = await measure(service, db, overdue, probes, "b")
  log?.(`retention: after ${JSON.stringify(after.measure)}`)

  const { rows: [left] } = await db.query(
    `SELECT count(*) FILTER (WHERE id LIKE 'fin\\_%')::int AS finished_left,
            count(*) FILTER (WHERE status = 'active')::int AS active_left,
            count(*) FILTER (WHERE status = 'released')::int AS probes_kept
     FROM booking_hold`
  )
  const breaks = await invariantBreaks(db)
  const checks = {
    deleted: retained.deleted_holds,
    finished_left: left.finished_left,
    active_left: left.active_left,
    probes_kept: left.probes_kept,
    invariant_breaks: breaks,
    before_deleted_nothing: before.run.deleted_holds === 0,
    every_overdue_expired: before.run.expired_count === overdue && after.run.expired_count === overdue,
  }
  const correct =
    retained.deleted_holds === finished &&
    left.finished_left === 0 &&
    left.active_left === 0 &&
    left.probes_kept === 2 * probes &&
    breaks === 0 &&
    checks.before_deleted_nothing &&
    checks.every_overdue_expired &&
    !retained.error
  return {
    finished,
    overdue,
    probes,
    before: before.measure,
    after: after.measure,
    retention: {
      deleted: retained.deleted_holds,
      ms: Math.round(ms),
      rows_per_s: Math.round(retained.deleted_holds / (ms / 1000)),
      batches_of: 1000,
    },
    correct,
    checks,
  }
}
