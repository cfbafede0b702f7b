// Statements on a resource's days and slots: setting capacity and reading
// availability. A day's keys come as one JSON parameter `[{ date, slot }]`.
import { T_CAPACITY, T_HOLD, T_RESOURCE } from "../models/tables"
import { localToday, saleWindow } from "../time/sql"


export const DAY_KEYS = `jsonb_to_recordset(?::jsonb) AS d(date text, slot text)`

/** A resource sells slot `c.slot` now: "" without slots, one of them otherwise. */
const SOLD_SLOT = `CASE WHEN cardinality(r.slots) = 0 THEN c.slot = '' ELSE c.slot = ANY(r.slots) END`

/** Which (day, slot) keys of a resource already use more than the new max. */
export const USED_OVER_MAX = `
SELECT date, slot, sum(quantity)::int AS used FROM ${T_HOLD}
WHERE resource_id = ? AND status IN ('active', 'confirmed') AND deleted_at IS NULL
  AND (date, slot) IN (SELECT d.date, d.slot FROM ${DAY_KEYS})
GROUP BY date, slot HAVING sum(quantity) > ?
ORDER BY date, slot`

/**
 * Upserts (day, slot) keys; available = max - what active and confirmed holds
 * use. The last parameter marks them as set by hand (exceptions to the weekly
 * schedule); false leaves the mark as it was (a compensation putting a key back).
 */
export const UPSERT_CAPACITY = `
WITH days AS (
  SELECT * FROM jsonb_to_recordset(?::jsonb) AS d(id text, date text, slot text)
), used AS (
  SELECT h.date, h.slot, sum(h.quantity)::int AS qty FROM ${T_HOLD} h
  WHERE h.resource_id = ? AND h.status IN ('active', 'confirmed') AND h.deleted_at IS NULL
    AND (h.date, h.slot) IN (SELECT date, slot FROM days)
  GROUP BY h.date, h.slot
)
INSERT INTO ${T_CAPACITY} (id, resource_id, date, slot, max_capacity, available_capacity, is_exception, created_at, updated_at)
SELECT d.id, ?, d.date, d.slot, ?::int, ?::int - coalesce(u.qty, 0), true, now(), now()
FROM days d LEFT JOIN used u ON u.date = d.date AND u.slot = d.slot
ON CONFLICT (resource_id, date, slot) WHERE deleted_at IS NULL DO UPDATE
  SET max_capacity = excluded.max_capacity, available_capacity = excluded.available_capacity,
      is_exception = ${T_CAPACITY}.is_exception OR ?::boolean, updated_at = now()
RETURNING *`

const AVAILABLE_WINDOW = saleWindow("c.date", "c.slot", "z.zone", "r.cutoff_minutes")

/**
 * Per (day, slot) the resource sells, from its today on (a past day cannot
 * be booked): max, what can be held now (overdue holds count as free; the
 * next write to their key expires them), when it starts, and whether its
 * sale is open. Parameters: the plugin's timeZone, the resource (twice), from, to.
 */
export const AVAILABILITY = `
SELECT c.date, c.slot, c.max_capacity, (c.available_capacity + coalesce(o.qty, 0))::int AS available_capacity,
  z.zone, ${AVAILABLE_WINDOW.startsAt} AS starts_at,
  (${AVAILABLE_WINDOW.exists} AND clock_timestamp() < ${AVAILABLE_WINDOW.salesEnd}) AS open
FROM ${T_CAPACITY} c
JOIN ${T_RESOURCE} r ON r.id = c.resource_id
CROSS JOIN LATERAL (SELECT coalesce(r.time_zone, ?::text) AS zone) z
LEFT JOIN (
  SELECT date, slot, sum(quantity)::int AS qty FROM ${T_HOLD}
  WHERE resource_id = ? AND status = 'active' AND expires_at <= clock_timestamp() AND deleted_at IS NULL
  GROUP BY date, slot
) o ON o.date = c.date AND o.slot = c.slot
WHERE c.resource_id = ? AND c.date BETWEEN ? AND ? AND c.date >= ${localToday("z.zone")} AND c.deleted_at IS NULL
  AND ${SOLD_SLOT}
ORDER BY c.date, c.slot`

/** Soft-deletes (day, slot) keys that no active or confirmed hold uses. */
export const DELETE_UNUSED_DAYS = `
UPDATE ${T_CAPACITY} c SET deleted_at = now(), updated_at = now()
WHERE c.resource_id = ? AND c.deleted_at IS NULL
  AND (c.date, c.slot) IN (SELECT d.date, d.slot FROM ${DAY_KEYS})
  AND NOT EXISTS (
    SELECT 1 FROM ${T_HOLD} h WHERE h.resource_id = c.resource_id AND h.date = c.date AND h.slot = c.slot
      AND h.status IN ('active', 'confirmed') AND h.deleted_at IS NULL)`

/** Today in a zone, by the database's clock: what the workflows compare a line's day with. */
export const TODAY_IS = `SELECT ${localToday("?::text")} AS today`
