// A resource's weekly schedule written out as capacity rows (docs/design.md §12).
import { T_CAPACITY, T_HOLD, T_RESOURCE } from "../models/tables"
import { localToday } from "../time/sql"

/**
 * Makes a resource's non-exception keys from..to what `rules` give, in one
 * statement, under the resource's exclusive lock (taken before):
 * - a key a rule covers gets the rule's capacity (the last matching rule
 *   wins), never below what its active and confirmed holds use;
 * - a key no rule covers any more is deleted when unused, else kept at what
 *   its holds use;
 * - exceptions (capacity set by hand) are left as they are.
 * `rules`: [{ weekdays: [1-7], slots: [...] ("" for the whole day),
 * capacity, valid_from, valid_until }]. Returns how many keys it wrote and
 * removed, and the keys it could not cut to the schedule (`uncut`).
 * Parameters: the resource, from, to, the rules.
 */
export const APPLY_SCHEDULE = `
WITH p AS (SELECT ?::text AS rid, ?::date AS from_d, ?::date AS to_d, ?::jsonb AS rules),
want AS (
  SELECT DISTINCT ON (g.d, s.slot) to_char(g.d, 'YYYY-MM-DD') AS date, s.slot, (r.rule->>'capacity')::int AS capacity
  FROM p
  CROSS JOIN generate_series(p.from_d, p.to_d, interval '1 day') AS g(d)
  CROSS JOIN jsonb_array_elements(p.rules) WITH ORDINALITY AS r(rule, ord)
  CROSS JOIN jsonb_array_elements_text(r.rule->'slots') AS s(slot)
  WHERE r.rule->'weekdays' @> to_jsonb(extract(isodow FROM g.d)::int)
    AND (r.rule->>'valid_from' IS NULL OR g.d >= (r.rule->>'valid_from')::date)
    AND (r.rule->>'valid_until' IS NULL OR g.d <= (r.rule->>'valid_until')::date)
  ORDER BY g.d, s.slot, r.ord DESC
), cur AS (
  SELECT c.id, c.date, c.slot, c.max_capacity, c.is_exception FROM ${T_CAPACITY} c, p
  WHERE c.resource_id = p.rid AND c.deleted_at IS NULL
    AND c.date BETWEEN to_char(p.from_d, 'YYYY-MM-DD') AND to_char(p.to_d, 'YYYY-MM-DD')
), used AS (
  SELECT h.date, h.slot, sum(h.quantity)::int AS qty FROM ${T_HOLD} h, p
  WHERE h.resource_id = p.rid AND h.status IN ('active', 'confirmed') AND h.deleted_at IS NULL
    AND h.date BETWEEN to_char(p.from_d, 'YYYY-MM-DD') AND to_char(p.to_d, 'YYYY-MM-DD')
  GROUP BY h.date, h.slot
), plan AS (
  SELECT coalesce(w.date, c.date) AS date, coalesce(w.slot, c.slot) AS slot, w.capacity,
    c.id AS cap_id, c.max_capacity AS old_max, coalesce(u.qty, 0) AS used
  FROM want w
  FULL JOIN cur c ON c.date = w.date AND c.slot = w.slot
  LEFT JOIN used u ON u.date = coalesce(w.date, c.date) AND u.slot = coalesce(w.slot, c.slot)
  WHERE c.is_exception IS NOT TRUE
), written AS (
  INSERT INTO ${T_CAPACITY} (id, resource_id, date, slot, max_capacity, available_capacity, is_exception, created_at, updated_at)
  SELECT 'rbcap_' || upper(replace(gen_random_uuid()::text, '-', '')), p.rid, plan.date, plan.slot,
    greatest(plan.capacity, plan.used), greatest(plan.capacity, plan.used) - plan.used, false, now(), now()
  FROM plan CROSS JOIN p
  WHERE plan.capacity IS NOT NULL AND plan.old_max IS DISTINCT FROM greatest(plan.capacity, plan.used)
  ON CONFLICT (resource_id, date, slot) WHERE deleted_at IS NULL DO UPDATE
    SET max_capacity = excluded.max_capacity, available_capacity = excluded.available_capacity, updated_at = now()
  RETURNING 1
), closed AS (
  UPDATE ${T_CAPACITY} c
  SET deleted_at = CASE WHEN plan.used = 0 THEN now() END,
    max_capacity = CASE WHEN plan.used = 0 THEN c.max_capacity ELSE plan.used END,
    available_capacity = CASE WHEN plan.used = 0 THEN c.available_capacity ELSE 0 END,
    updated_at = now()
  FROM plan
  WHERE plan.capacity IS NULL AND c.id = plan.cap_id
  RETURNING 1
)
SELECT (SELECT count(*) FROM written)::int AS written, (SELECT count(*) FROM closed)::int AS removed,
  coalesce((SELECT json_agg(json_build_object('date', date, 'slot', slot, 'used', used, 'capacity', coalesce(capacity, 0))
    ORDER BY date, slot) FROM plan WHERE used > coalesce(capacity, 0)), '[]'::json) AS uncut`

/** A resource's schedule and horizon, and its today in its zone. Parameters: the plugin's timeZone, the resource. */
export const SCHEDULE_OF = `
SELECT r.id, r.title, r.slots, r.schedule, r.booking_horizon_days, r.schedule_expanded_until,
  ${localToday("coalesce(r.time_zone, ?::text)")} AS today
FROM ${T_RESOURCE} r WHERE r.id = ? AND r.deleted_at IS NULL`

/** Stores the schedule and how far it is written. Parameters: schedule, expanded until, the resource. */
export const STORE_SCHEDULE = `
UPDATE ${T_RESOURCE} SET schedule = ?::jsonb, schedule_expanded_until = ?::text, updated_at = now()
WHERE id = ? RETURNING id`

/** Marks keys from..to (in `slots`, or all) as following the schedule again. Parameters: the resource, from, to, slots or null. */
export const FOLLOW_SCHEDULE = `
UPDATE ${T_CAPACITY} SET is_exception = false, updated_at = now()
WHERE resource_id = ? AND deleted_at IS NULL AND is_exception AND date BETWEEN ? AND ?
  AND (?::jsonb IS NULL OR slot IN (SELECT jsonb_array_elements_text(?::jsonb)))
RETURNING date, slot`

/**
 * Scheduled resources whose schedule is written less far than their
 * horizon from their today: the daily top-up's work. Parameters: the plugin's timeZone.
 */
export const BEHIND_HORIZON = `
SELECT id FROM (
  SELECT r.id, r.schedule_expanded_until,
    to_char((${localToday("coalesce(r.time_zone, ?::text)")})::date + r.booking_horizon_days - 1, 'YYYY-MM-DD') AS horizon_end
  FROM ${T_RESOURCE} r WHERE r.schedule IS NOT NULL AND r.deleted_at IS NULL
) s
WHERE schedule_expanded_until IS NULL OR schedule_expanded_until < horizon_end
ORDER BY id`
