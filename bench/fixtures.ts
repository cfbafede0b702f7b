import type { Client } from "pg"
import { invariantBreaks } from "./database"

// 1,000 keys: resources 1-50 are booked by the day (10 days each), resources
// 51-100 by the slot (5 days × 2 departures), so every run sweeps whole-day
// and slotted keys alike and checks the invariant on both.
export const KEYS = 1000
const RESOURCES = 100
const DAYS = 10
const SLOTS = ["09:00", "14:00"]

/** The key of hold (or index) g: its resource, day offset and slot. */
export const KEY_OF = `
  'res_' || (g % 100 + 1) AS resource_id,
  CASE WHEN g % 100 < 50 THEN g / 100 % ${DAYS} + 1 ELSE g / 100 % ${DAYS / SLOTS.length} + 1 END AS d,
  CASE WHEN g % 100 < 50 THEN '' ELSE (ARRAY['${SLOTS.join("','")}'])[g / 100 / ${DAYS / SLOTS.length} % ${SLOTS.length} + 1] END AS slot`

/**
 * Empties the tables and inserts `n` overdue active holds and `n` active holds
 * within their TTL, spread evenly over the 1,000 (resource, date, slot) keys,
 * with capacity consistent with the invariant. Set-based, so 200,000 rows
 * take seconds.
 */
export async function seed(db: Client, n: number) {
  await db.query(`TRUNCATE booking_hold, booking_capacity, booking_resource, booking_cleanup_run`)
  await db.query(
    `INSERT INTO booking_resource (id, title, handle, slots)
     SELECT 'res_' || r, 'Resource ' || r, 'resource-' || r,
       CASE WHEN r <= $2 THEN '{}'::text[] ELSE $3::text[] END
     FROM generate_series(1, $1) r`,
    [RESOURCES, RESOURCES / 2, SLOTS]
  )
  await db.query(
    `INSERT INTO booking_hold (id, resource_id, date, slot, quantity, status, expires_at)
     SELECT 'hold_' || g, k.resource_id, to_char(current_date + k.d, 'YYYY-MM-DD'), k.slot, 1, 'active',
       CASE WHEN g < $1 THEN now() - interval '1 hour' ELSE now() + interval '1 day' END
     FROM generate_series(0, 2 * $1 - 1) g, LATERAL (SELECT ${KEY_OF}) k`,
    [n]
  )
  // One capacity row per key: the keys of g = 0..999 are every key once.
  await db.query(
    `INSERT INTO booking_capacity (id, resource_id, date, slot, max_capacity, available_capacity)
     SELECT 'cap_' || g, k.resource_id, to_char(current_date + k.d, 'YYYY-MM-DD'), k.slot, 1000000,
       1000000 - coalesce(h.used, 0)
     FROM generate_series(0, $1 - 1) g, LATERAL (SELECT ${KEY_OF}) k
     LEFT JOIN (SELECT resource_id, date, slot, count(*)::int AS used FROM booking_hold GROUP BY 1, 2, 3) h
       ON h.resource_id = k.resource_id AND h.date = to_char(current_date + k.d, 'YYYY-MM-DD') AND h.slot = k.slot`,
    [KEYS]
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
