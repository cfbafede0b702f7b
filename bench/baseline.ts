import type { Client } from "pg"
import { lockKey } from "../src/modules/resource_booking/locks"

/**
 * The seed's per-row algorithm, the baseline: for each expired hold, its own
 * transaction with an advisory lock, a capacity update and a status update.
 * Stops after `limitMs` so a huge N stays affordable; reports what it did.
 */
export async function perRowSweep(db: Client, limitMs: number) {
  const started = performance.now()
  const { rows } = await db.query(
    `SELECT id, resource_id, date, slot, quantity FROM booking_hold
     WHERE status = 'active' AND expires_at <= now() ORDER BY expires_at`
  )
  let expired = 0
  for (const h of rows) {
    await db.query("BEGIN")
    await db.query(`SELECT pg_advisory_xact_lock(${lockKey("$1::text", "$2::text", "$3::text")})`, [h.resource_id, h.date, h.slot])
    await db.query(
      `UPDATE booking_capacity SET available_capacity = available_capacity + $4
       WHERE resource_id = $1 AND date = $2 AND slot = $3`,
      [h.resource_id, h.date, h.slot, h.quantity]
    )
    const r = await db.query(
      `UPDATE booking_hold SET status = 'expired', expired_at = now() WHERE id = $1 AND status = 'active'`,
      [h.id]
    )
    await db.query("COMMIT")
    expired += r.rowCount ?? 0
    if (performance.now() - started > limitMs) break
  }
  const ms = performance.now() - started
  return { expired, ms, complete: expired === rows.length }
}
