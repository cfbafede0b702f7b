// Statements that look up, delete and restore resources, and change their slots.
import { localToday } from "../time/sql"
import { T_CAPACITY, T_HOLD, T_RESOURCE } from "../models/tables"

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

export const RESOURCE_BY_ID = `
SELECT id, title, slots, is_active, min_nights, max_nights FROM ${T_RESOURCE} WHERE id = ? AND deleted_at IS NULL`

/** A deleted resource, and whether a live one has taken its handle since. */
export const DELETED_RESOURCE_BY_ID = `
SELECT r.id, r.handle, r.deleted_at, EXISTS (
  SELECT 1 FROM ${T_RESOURCE} o WHERE o.handle = r.handle AND o.deleted_at IS NULL
) AS handle_taken
FROM ${T_RESOURCE} r WHERE r.id = ? AND r.deleted_at IS NOT NULL`

/**
 * The days of a deleted resource's capacity that were deleted with it (same
 * statement, same timestamp, compared in SQL to keep its microseconds).
 */
const DELETED_WITH_RESOURCE = `(SELECT r.deleted_at FROM ${T_RESOURCE} r WHERE r.id = c.resource_id)`

export const DAYS_DELETED_WITH = `
SELECT c.date, c.slot FROM ${T_CAPACITY} c WHERE c.resource_id = ? AND c.deleted_at = ${DELETED_WITH_RESOURCE}`

/**
 * Restores a resource and the days deleted with it; each day's available
 * capacity is recounted from the holds rather than trusted.
 */
export const RESTORE_RESOURCE = `
WITH days AS (
  UPDATE ${T_CAPACITY} c SET deleted_at = NULL, updated_at = now(),
    available_capacity = c.max_capacity - coalesce((
      SELECT sum(h.quantity) FROM ${T_HOLD} h
      WHERE h.resource_id = c.resource_id AND h.date = c.date AND h.slot = c.slot
        AND h.status IN ('active', 'confirmed') AND h.deleted_at IS NULL), 0)
  WHERE c.resource_id = ? AND c.deleted_at = ${DELETED_WITH_RESOURCE}
  RETURNING c.id
)
UPDATE ${T_RESOURCE} SET deleted_at = NULL, updated_at = now()
WHERE id = ? AND deleted_at IS NOT NULL RETURNING id`

/** Which of these resources any capacity day or hold refers to, deleted or not. */
export const RESOURCES_IN_USE = `
SELECT r.id FROM ${T_RESOURCE} r
WHERE r.id IN (SELECT jsonb_array_elements_text(?::jsonb))
  AND (EXISTS (SELECT 1 FROM ${T_CAPACITY} c WHERE c.resource_id = r.id)
    OR EXISTS (SELECT 1 FROM ${T_HOLD} h WHERE h.resource_id = r.id))`

export const DELETE_RESOURCES = `
DELETE FROM ${T_RESOURCE} WHERE id IN (SELECT jsonb_array_elements_text(?::jsonb)) RETURNING id`

/** Today in the zone of the resource the statement is about (resource_id from its row), the plugin's as a parameter after it. */
const RESOURCE_TODAY = localToday(
  `(SELECT coalesce(z.time_zone, ?::text) FROM ${T_RESOURCE} z WHERE z.id = resource_id)`
)

/** Every (day, slot) a resource has capacity for. */
export const CAPACITY_DAYS = `
SELECT date, slot FROM ${T_CAPACITY} WHERE resource_id = ? AND deleted_at IS NULL`

/**
 * A slot change: the future keys of the slots a resource stops selling, with
 * what active and confirmed holds use there. Past days stay as history.
 */
export const KEYS_OF_SLOTS_FROM = `
SELECT c.date, c.slot, coalesce((
  SELECT sum(h.quantity) FROM ${T_HOLD} h
  WHERE h.resource_id = c.resource_id AND h.date = c.date AND h.slot = c.slot
    AND h.status IN ('active', 'confirmed') AND h.deleted_at IS NULL), 0)::int AS used
FROM ${T_CAPACITY} c
WHERE c.resource_id = ? AND c.deleted_at IS NULL AND c.date >= ${RESOURCE_TODAY}
  AND c.slot IN (SELECT jsonb_array_elements_text(?::jsonb))
ORDER BY c.date, c.slot`

/** Soft-deletes the future keys of dropped slots and stores the new slots. */
export const SET_SLOTS = `
WITH dropped AS (
  UPDATE ${T_CAPACITY} SET deleted_at = now(), updated_at = now()
  WHERE resource_id = ? AND deleted_at IS NULL AND date >= ${RESOURCE_TODAY}
    AND slot IN (SELECT jsonb_array_elements_text(?::jsonb))
  RETURNING id
)
UPDATE ${T_RESOURCE} SET slots = ARRAY(SELECT jsonb_array_elements_text(?::jsonb)), updated_at = now()
WHERE id = ? AND deleted_at IS NULL
RETURNING id, slots`
