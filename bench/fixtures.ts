import type { Client } from "pg"
import { invariantBreaks } from "./database"

export const KEYS = 1000 // 100 resources × 10 days
const RESOURCES = 100
const DAYS = 10

/**
 * Empties the tables and inserts `n` overdue active holds and `n` active holds
 * within their TTL, spread evenly over 1,000 (resource, date) keys, with
 * capacity consistent with the invariant. Set-based, so 200,000 rows take seconds.
 */
export async function seed(db: Client, n: number) {
  await db.query(`TRUNCATE booking_hold, booking_capacity, booking_resource, booking_cleanup_run`)
  await db.query(
    `INSERT INTO booking_resource (id, title, handle)
     SELECT 'res_' || r, 'Resource ' || r, 'resource-' || r FROM generate_series(1, $1) r`,
    [RESOURCES]
  )
  await db.query(
    `INSERT INTO booking_hold (id, resource_id, date, quantity, status, expires_at)
     SELECT 'hold_' || g, 'res_' || (g % $2 + 1), to_char(current_date + (g / $2 % $3 + 1), 'YYYY-MM-DD'), 1, 'active',
       CASE WHEN g < $1 THEN now() - interval '1 hour' ELSE now() + interval '1 day' END
     FROM generate_series(0, 2 * $1 - 1) g`,
    [n, RESOURCES, DAYS]
  )
  await db.query(
    `INSERT INTO booking_capacity (id, resource_id, date, max_capacity, available_capacity)
     SELECT 'cap_' || r || '_' || d, 'res_' || r, to_char(current_date + d, 'YYYY-MM-DD'), 1000000,
       1000000 - coalesce(h.used, 0)
     FROM generate_series(1, $1) r CROSS JOIN generate_series(1, $2) d
     LEFT JOIN (SELECT resource_id, date, count(*)::int AS used FROM booking_hold GROUP BY 1, 2) h
       ON h.resource_id = 'res_' || r AND h.date = to_char(current_date + d, 'YYYY-MM-DD')`,
    [RESOURCES, DAYS]
  )
  await db.query(`ANALYZE booking_hold; ANALYZE booking_capacity`)
}

/** Every overdue hold expired exactly once, the others untouched, and the booking invariant. */
export async function verify(db: Client, n: number, expectExpired: number, reported: number) {
  const { rows: [s] } = await db.query(
    `SELECT count(*) FILTER (WHERE status = 'expired')::int AS expired,
            count(*) FILTER (WHERE status = 'active' AND expires_at > now())::int AS active,
            count(*) FILTER (WHERE status = 'expired' AND id::text ~ '^hold_' AND
              substring(id from 6)::int >= $1)::int AS wrong
     FROM booking_hold`,
    [n]
  )
  const broken = await invariantBreaks(db)
  const ok =
    s.expired === expectExpired && s.active === n && s.wrong === 0 && broken === 0 && reported === expectExpired
  return { ok, expired: s.expired, untouched_active: s.active, invariant_breaks: broken, reported }
}
