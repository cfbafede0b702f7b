// Statements on a resource's days: setting capacity and reading availability.
import { T_CAPACITY, T_HOLD } from "./keys"

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

/** Soft-deletes days that no active or confirmed hold uses. */
export const DELETE_UNUSED_DAYS = `
UPDATE ${T_CAPACITY} c SET deleted_at = now(), updated_at = now()
WHERE c.resource_id = ? AND c.deleted_at IS NULL
  AND c.date IN (SELECT jsonb_array_elements_text(?::jsonb))
  AND NOT EXISTS (
    SELECT 1 FROM ${T_HOLD} h WHERE h.resource_id = c.resource_id AND h.date = c.date
      AND h.status IN ('active', 'confirmed') AND h.deleted_at IS NULL)`
