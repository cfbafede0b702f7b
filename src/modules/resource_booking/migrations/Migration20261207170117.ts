import { Migration } from "@medusajs/framework/mikro-orm/migrations"

// The module's functions (holds/functions.ts), as that file built them when
// this migration was written by `npm run db:functions`: frozen here, so that
// every database gets the same text whatever the code says later.
export class Migration20261207170117 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE OR REPLACE FUNCTION resource_booking_place_holds(p_unshared boolean, p_resources text, p_keys text, p_expire text, p_requests text) RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $function$
DECLARE
  v_row record;
  v_expired jsonb := '[]'::jsonb;
  v_created jsonb := '[]'::jsonb;
  v_changed jsonb := '[]'::jsonb;
  v_refusal jsonb;
  v_holds jsonb;
  v_covering jsonb;
  v_unchanged boolean;
  v_request jsonb;
  v_results jsonb := '[]'::jsonb;
  v_took boolean := false;
  p_cart text; p_ttl int; p_default_ttl int; p_default_max_hold int; p_capped boolean;
  p_max_per_cart int; p_zone text; p_use_cutoff boolean; p_items text; p_customer text; p_metadata text;
BEGIN
  FOR v_row IN 
WITH 
resources_locked AS MATERIALIZED (
  SELECT count(CASE WHEN s.exclusive THEN pg_advisory_xact_lock(29282, s.h)
    ELSE pg_advisory_xact_lock_shared(29282, s.h) END)::int
    + length(set_config('jit', 'off', true)) * 0 AS n
  FROM (SELECT hashtext(r.resource_id) # CASE WHEN p_unshared THEN pg_backend_pid() ELSE 0 END AS h, bool_or(r.exclusive) AS exclusive FROM jsonb_to_recordset(p_resources::jsonb) AS r(resource_id text, exclusive boolean) GROUP BY 1 ORDER BY 1) s
), locked AS MATERIALIZED (
  SELECT count(pg_advisory_xact_lock(s.key))::int AS n FROM (
    SELECT DISTINCT ('x' || substr(md5(k.resource_id || '|' || k.date || CASE WHEN coalesce(k.slot, '') = '' THEN '' ELSE '|' || k.slot END), 1, 16))::bit(64)::bigint # CASE WHEN p_unshared THEN pg_backend_pid() ELSE 0 END AS key FROM jsonb_to_recordset(p_keys::jsonb) AS k(resource_id text, date text, slot text) ORDER BY key
  ) s
  WHERE (SELECT n FROM resources_locked) >= 0
), moved AS (
  UPDATE booking_hold h SET status = 'expired', expired_at = now(), updated_at = now()
  WHERE h.status = 'active' AND h.deleted_at IS NULL AND (SELECT n FROM locked) >= 0 AND h.expires_at <= clock_timestamp() AND h.id = ANY(ARRAY(
    SELECT a.id FROM jsonb_to_recordset(p_expire::jsonb) AS k(resource_id text, date text, slot text) CROSS JOIN LATERAL (
      SELECT id FROM booking_hold
      WHERE resource_id = k.resource_id AND date = k.date AND slot = k.slot AND status = 'active'
        AND deleted_at IS NULL AND expires_at <= (SELECT clock_timestamp())
      OFFSET 0
    ) a
  ))
  RETURNING h.id, h.resource_id, h.date, h.slot, h.quantity
), restored AS (
  UPDATE booking_capacity c SET available_capacity = c.available_capacity + s.qty, updated_at = now()
  FROM (SELECT resource_id, date, slot, sum(quantity)::int AS qty FROM moved GROUP BY 1, 2, 3) s
  WHERE c.resource_id = s.resource_id AND c.date = s.date AND c.slot = s.slot AND c.deleted_at IS NULL
  RETURNING c.id
)
SELECT id FROM moved LOOP
    v_expired := v_expired || to_jsonb(v_row.id);
  END LOOP;
  FOR v_request IN SELECT value FROM jsonb_array_elements(p_requests::jsonb) LOOP
    p_cart := v_request ->> 0; p_ttl := (v_request ->> 1)::int; p_default_ttl := (v_request ->> 2)::int;
    p_default_max_hold := (v_request ->> 3)::int; p_capped := (v_request ->> 4)::boolean;
    p_max_per_cart := (v_request ->> 5)::int; p_zone := v_request ->> 6; p_use_cutoff := (v_request ->> 7)::boolean;
    p_items := v_request ->> 8; p_customer := v_request ->> 9; p_metadata := v_request ->> 10;
    v_created := '[]'::jsonb;
    FOR v_row IN 
  WITH 
  p AS (
    SELECT p_cart::text AS cart_id, p_ttl::int AS ttl, p_default_ttl::int AS default_ttl, p_default_max_hold::int AS default_max_hold,
      p_capped::boolean AS capped, p_max_per_cart::int AS max_per_cart, p_zone::text AS default_zone, p_use_cutoff::boolean AS use_cutoff
  ), items AS (
    SELECT * FROM jsonb_to_recordset(p_items::jsonb)
      AS i(id text, resource_id text, date text, slot text, quantity int, ord int, line_item_id text,
        order_id text, order_change_id text)
  ), found AS (
    SELECT n.resource_id, n.date, n.slot, n.need, r.id IS NOT NULL AS resource_found, r.title, r.is_active,
      r.slots, r.slot_ok, c.id IS NOT NULL AS capacity_found, c.id AS capacity_id, c.available_capacity,
      n.date < to_char(clock_timestamp() AT TIME ZONE coalesce(r.time_zone, p.default_zone), 'YYYY-MM-DD') AS past,
      coalesce(r.time_zone, p.default_zone) AS zone,
      CASE WHEN p.use_cutoff THEN r.cutoff_minutes END AS cutoff_minutes,
      ((CASE WHEN n.slot = '' THEN n.date::date::timestamp ELSE (n.date || ' ' || n.slot)::timestamp END) AT TIME ZONE coalesce(r.time_zone, p.default_zone)) AS starts_at,
      NOT (n.slot = '' OR to_char(((CASE WHEN n.slot = '' THEN n.date::date::timestamp ELSE (n.date || ' ' || n.slot)::timestamp END) AT TIME ZONE coalesce(r.time_zone, p.default_zone)) AT TIME ZONE coalesce(r.time_zone, p.default_zone), 'HH24:MI') = n.slot) AS nonexistent,
      clock_timestamp() >= ((CASE WHEN n.slot = '' THEN (n.date::date + 1)::timestamp AT TIME ZONE coalesce(r.time_zone, p.default_zone) ELSE ((CASE WHEN n.slot = '' THEN n.date::date::timestamp ELSE (n.date || ' ' || n.slot)::timestamp END) AT TIME ZONE coalesce(r.time_zone, p.default_zone)) END) - make_interval(mins => coalesce(CASE WHEN p.use_cutoff THEN r.cutoff_minutes END, 0))) AS closed,
      clock_timestamp() + make_interval(mins => coalesce(p.ttl, r.hold_ttl_minutes, p.default_ttl)) AS ttl_expiry,
      coalesce(r.max_hold_minutes, p.default_max_hold) AS max_hold,
      CASE WHEN p.capped AND p.cart_id IS NOT NULL THEN coalesce((
        SELECT min(h.created_at) FROM booking_hold h
        WHERE h.cart_id = p.cart_id AND h.resource_id = n.resource_id AND h.date = n.date AND h.slot = n.slot
          AND h.deleted_at IS NULL -- the cart index's predicate: without it, a scan of every hold ever made
      ), clock_timestamp()) + make_interval(mins => coalesce(r.max_hold_minutes, p.default_max_hold)) END AS cap_expiry
    FROM p CROSS JOIN (
      SELECT resource_id, date, coalesce(slot, '') AS slot, sum(quantity)::int AS need FROM items GROUP BY 1, 2, 3
    ) n
    
  LEFT JOIN LATERAL (
    SELECT id, title, is_active, hold_ttl_minutes, max_hold_minutes, slots, time_zone, cutoff_minutes,
      CASE WHEN cardinality(slots) = 0 THEN n.slot = '' ELSE n.slot = ANY(slots) END AS slot_ok
    FROM booking_resource
    WHERE id = n.resource_id AND deleted_at IS NULL LIMIT 1
  ) r ON true
  LEFT JOIN LATERAL (
    SELECT id, available_capacity, max_capacity FROM booking_capacity
    WHERE resource_id = n.resource_id AND date = n.date AND slot = n.slot AND deleted_at IS NULL LIMIT 1
  ) c ON true
  ), cart_total AS (
    SELECT p.max_per_cart, (SELECT sum(quantity) FROM items)::int AS asked, (
      SELECT coalesce(sum(quantity), 0) FROM booking_hold
      WHERE cart_id = p.cart_id AND status = 'active' AND deleted_at IS NULL AND expires_at > clock_timestamp()
    )::int AS held
    FROM p WHERE p.cart_id IS NOT NULL AND p.max_per_cart IS NOT NULL
  ), short AS (
    SELECT 1 FROM found
    WHERE is_active IS NOT TRUE OR slot_ok IS NOT TRUE OR available_capacity IS NULL OR available_capacity < need
      OR past OR nonexistent OR closed OR cap_expiry <= clock_timestamp()
    UNION ALL
    SELECT 1 FROM cart_total WHERE held + asked > max_per_cart
    LIMIT 1
  ), dec AS (
    UPDATE booking_capacity c
    SET available_capacity = c.available_capacity - (SELECT f.need FROM found f WHERE f.capacity_id = c.id),
      updated_at = now()
    WHERE NOT EXISTS (SELECT 1 FROM short) AND c.id = ANY(ARRAY(SELECT capacity_id FROM found))
    RETURNING c.id
  )
  INSERT INTO booking_hold (id, resource_id, date, slot, quantity, status, expires_at, cart_id, customer_id,
    metadata, line_item_id, order_id, order_change_id, created_at, updated_at)
  SELECT i.id, i.resource_id, i.date, coalesce(i.slot, ''), i.quantity, 'active',
    least(f.ttl_expiry, coalesce(f.cap_expiry, f.ttl_expiry)),
    p.cart_id, p_customer::text, p_metadata::jsonb, i.line_item_id, i.order_id, i.order_change_id, now(), now()
  FROM items i
  JOIN found f ON f.resource_id = i.resource_id AND f.date = i.date AND f.slot = coalesce(i.slot, '')
  CROSS JOIN p
  WHERE NOT EXISTS (SELECT 1 FROM short)
  ORDER BY i.ord
  RETURNING * LOOP
      v_created := v_created || to_jsonb(v_row);
    END LOOP;
    IF jsonb_array_length(v_created) <> jsonb_array_length(p_items::jsonb) THEN
      SELECT coalesce(jsonb_agg(to_jsonb(x)), '[]'::jsonb) INTO v_refusal
      FROM (
  WITH 
  p AS (
    SELECT p_cart::text AS cart_id, p_ttl::int AS ttl, p_default_ttl::int AS default_ttl, p_default_max_hold::int AS default_max_hold,
      p_capped::boolean AS capped, p_max_per_cart::int AS max_per_cart, p_zone::text AS default_zone, p_use_cutoff::boolean AS use_cutoff
  ), items AS (
    SELECT * FROM jsonb_to_recordset(p_items::jsonb)
      AS i(id text, resource_id text, date text, slot text, quantity int, ord int, line_item_id text,
        order_id text, order_change_id text)
  ), found AS (
    SELECT n.resource_id, n.date, n.slot, n.need, r.id IS NOT NULL AS resource_found, r.title, r.is_active,
      r.slots, r.slot_ok, c.id IS NOT NULL AS capacity_found, c.id AS capacity_id, c.available_capacity,
      n.date < to_char(clock_timestamp() AT TIME ZONE coalesce(r.time_zone, p.default_zone), 'YYYY-MM-DD') AS past,
      coalesce(r.time_zone, p.default_zone) AS zone,
      CASE WHEN p.use_cutoff THEN r.cutoff_minutes END AS cutoff_minutes,
      ((CASE WHEN n.slot = '' THEN n.date::date::timestamp ELSE (n.date || ' ' || n.slot)::timestamp END) AT TIME ZONE coalesce(r.time_zone, p.default_zone)) AS starts_at,
      NOT (n.slot = '' OR to_char(((CASE WHEN n.slot = '' THEN n.date::date::timestamp ELSE (n.date || ' ' || n.slot)::timestamp END) AT TIME ZONE coalesce(r.time_zone, p.default_zone)) AT TIME ZONE coalesce(r.time_zone, p.default_zone), 'HH24:MI') = n.slot) AS nonexistent,
      clock_timestamp() >= ((CASE WHEN n.slot = '' THEN (n.date::date + 1)::timestamp AT TIME ZONE coalesce(r.time_zone, p.default_zone) ELSE ((CASE WHEN n.slot = '' THEN n.date::date::timestamp ELSE (n.date || ' ' || n.slot)::timestamp END) AT TIME ZONE coalesce(r.time_zone, p.default_zone)) END) - make_interval(mins => coalesce(CASE WHEN p.use_cutoff THEN r.cutoff_minutes END, 0))) AS closed,
      clock_timestamp() + make_interval(mins => coalesce(p.ttl, r.hold_ttl_minutes, p.default_ttl)) AS ttl_expiry,
      coalesce(r.max_hold_minutes, p.default_max_hold) AS max_hold,
      CASE WHEN p.capped AND p.cart_id IS NOT NULL THEN coalesce((
        SELECT min(h.created_at) FROM booking_hold h
        WHERE h.cart_id = p.cart_id AND h.resource_id = n.resource_id AND h.date = n.date AND h.slot = n.slot
          AND h.deleted_at IS NULL -- the cart index's predicate: without it, a scan of every hold ever made
      ), clock_timestamp()) + make_interval(mins => coalesce(r.max_hold_minutes, p.default_max_hold)) END AS cap_expiry
    FROM p CROSS JOIN (
      SELECT resource_id, date, coalesce(slot, '') AS slot, sum(quantity)::int AS need FROM items GROUP BY 1, 2, 3
    ) n
    
  LEFT JOIN LATERAL (
    SELECT id, title, is_active, hold_ttl_minutes, max_hold_minutes, slots, time_zone, cutoff_minutes,
      CASE WHEN cardinality(slots) = 0 THEN n.slot = '' ELSE n.slot = ANY(slots) END AS slot_ok
    FROM booking_resource
    WHERE id = n.resource_id AND deleted_at IS NULL LIMIT 1
  ) r ON true
  LEFT JOIN LATERAL (
    SELECT id, available_capacity, max_capacity FROM booking_capacity
    WHERE resource_id = n.resource_id AND date = n.date AND slot = n.slot AND deleted_at IS NULL LIMIT 1
  ) c ON true
  ), cart_total AS (
    SELECT p.max_per_cart, (SELECT sum(quantity) FROM items)::int AS asked, (
      SELECT coalesce(sum(quantity), 0) FROM booking_hold
      WHERE cart_id = p.cart_id AND status = 'active' AND deleted_at IS NULL AND expires_at > clock_timestamp()
    )::int AS held
    FROM p WHERE p.cart_id IS NOT NULL AND p.max_per_cart IS NOT NULL
  )
  SELECT f.*, cap_expiry <= clock_timestamp() AS cap_reached, (SELECT row_to_json(t) FROM cart_total t) AS cart
  FROM found f
  ORDER BY f.resource_id, f.date, f.slot) x;
      v_results := v_results || jsonb_build_array(jsonb_build_object('refusal', v_refusal));
    ELSE
      v_took := true;
      v_results := v_results || jsonb_build_array(jsonb_build_object('holds', v_created));
    END IF;
  END LOOP;
  IF NOT v_took THEN
    RAISE EXCEPTION USING ERRCODE = 'RB005', MESSAGE = 'resource_booking: none of the holds could be taken', DETAIL = v_results::text;
  END IF;
  RETURN jsonb_build_object('expired', v_expired, 'results', v_results);
END
$function$;`)
    this.addSql(`CREATE OR REPLACE FUNCTION resource_booking_move_holds(p_unshared boolean, p_resources text, p_keys text, p_expire text, p_kind text, p_ids text, p_order text, p_minutes int, p_cap int, p_until text) RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $function$
DECLARE
  v_row record;
  v_expired jsonb := '[]'::jsonb;
  v_created jsonb := '[]'::jsonb;
  v_changed jsonb := '[]'::jsonb;
  v_refusal jsonb;
  v_holds jsonb;
  v_covering jsonb;
  v_unchanged boolean;
BEGIN
  FOR v_row IN 
WITH 
resources_locked AS MATERIALIZED (
  SELECT count(CASE WHEN s.exclusive THEN pg_advisory_xact_lock(29282, s.h)
    ELSE pg_advisory_xact_lock_shared(29282, s.h) END)::int
    + length(set_config('jit', 'off', true)) * 0 AS n
  FROM (SELECT hashtext(r.resource_id) # CASE WHEN p_unshared THEN pg_backend_pid() ELSE 0 END AS h, bool_or(r.exclusive) AS exclusive FROM jsonb_to_recordset(p_resources::jsonb) AS r(resource_id text, exclusive boolean) GROUP BY 1 ORDER BY 1) s
), locked AS MATERIALIZED (
  SELECT count(pg_advisory_xact_lock(s.key))::int AS n FROM (
    SELECT DISTINCT ('x' || substr(md5(k.resource_id || '|' || k.date || CASE WHEN coalesce(k.slot, '') = '' THEN '' ELSE '|' || k.slot END), 1, 16))::bit(64)::bigint # CASE WHEN p_unshared THEN pg_backend_pid() ELSE 0 END AS key FROM jsonb_to_recordset(p_keys::jsonb) AS k(resource_id text, date text, slot text) ORDER BY key
  ) s
  WHERE (SELECT n FROM resources_locked) >= 0
), moved AS (
  UPDATE booking_hold h SET status = 'expired', expired_at = now(), updated_at = now()
  WHERE h.status = 'active' AND h.deleted_at IS NULL AND (SELECT n FROM locked) >= 0 AND h.expires_at <= clock_timestamp() AND h.id = ANY(ARRAY(
    SELECT a.id FROM jsonb_to_recordset(p_expire::jsonb) AS k(resource_id text, date text, slot text) CROSS JOIN LATERAL (
      SELECT id FROM booking_hold
      WHERE resource_id = k.resource_id AND date = k.date AND slot = k.slot AND status = 'active'
        AND deleted_at IS NULL AND expires_at <= (SELECT clock_timestamp())
      OFFSET 0
    ) a
  ))
  RETURNING h.id, h.resource_id, h.date, h.slot, h.quantity
), restored AS (
  UPDATE booking_capacity c SET available_capacity = c.available_capacity + s.qty, updated_at = now()
  FROM (SELECT resource_id, date, slot, sum(quantity)::int AS qty FROM moved GROUP BY 1, 2, 3) s
  WHERE c.resource_id = s.resource_id AND c.date = s.date AND c.slot = s.slot AND c.deleted_at IS NULL
  RETURNING c.id
)
SELECT id FROM moved LOOP
    v_expired := v_expired || to_jsonb(v_row.id);
  END LOOP;
  IF p_kind = 'confirm' THEN
    FOR v_row IN 
UPDATE booking_hold SET status = 'confirmed', confirmed_at = now(), updated_at = now(),
  order_id = coalesce(p_order::text, order_id)
WHERE status = 'active' AND expires_at > clock_timestamp() AND deleted_at IS NULL
  AND id IN (SELECT jsonb_array_elements_text(p_ids::jsonb))
RETURNING id LOOP v_changed := v_changed || to_jsonb(v_row.id); END LOOP;
  ELSIF p_kind = 'unconfirm' THEN
    FOR v_row IN 
UPDATE booking_hold SET status = 'active', confirmed_at = NULL, updated_at = now()
WHERE status = 'confirmed' AND order_id IS NULL AND deleted_at IS NULL
  AND id IN (SELECT jsonb_array_elements_text(p_ids::jsonb))
RETURNING id LOOP v_changed := v_changed || to_jsonb(v_row.id); END LOOP;
  ELSIF p_kind IN ('release', 'release_strict') THEN
    FOR v_row IN 
WITH moved AS (
  UPDATE booking_hold h SET status = 'released', released_at = now(), updated_at = now()
  WHERE h.status = 'active' AND h.deleted_at IS NULL AND h.expires_at > clock_timestamp() AND h.id IN (SELECT jsonb_array_elements_text(p_ids::jsonb))
  RETURNING h.id, h.resource_id, h.date, h.slot, h.quantity
), restored AS (
  UPDATE booking_capacity c SET available_capacity = c.available_capacity + s.qty, updated_at = now()
  FROM (SELECT resource_id, date, slot, sum(quantity)::int AS qty FROM moved GROUP BY 1, 2, 3) s
  WHERE c.resource_id = s.resource_id AND c.date = s.date AND c.slot = s.slot AND c.deleted_at IS NULL
  RETURNING c.id
)
SELECT id FROM moved LOOP v_changed := v_changed || to_jsonb(v_row.id); END LOOP;
  ELSIF p_kind = 'cancel' THEN
    FOR v_row IN 
WITH moved AS (
  UPDATE booking_hold h SET status = 'canceled', canceled_at = now(), updated_at = now()
  WHERE h.status = 'confirmed' AND h.deleted_at IS NULL AND h.id IN (SELECT jsonb_array_elements_text(p_ids::jsonb))
  RETURNING h.id, h.resource_id, h.date, h.slot, h.quantity
), restored AS (
  UPDATE booking_capacity c SET available_capacity = c.available_capacity + s.qty, updated_at = now()
  FROM (SELECT resource_id, date, slot, sum(quantity)::int AS qty FROM moved GROUP BY 1, 2, 3) s
  WHERE c.resource_id = s.resource_id AND c.date = s.date AND c.slot = s.slot AND c.deleted_at IS NULL
  RETURNING c.id
)
SELECT id FROM moved LOOP v_changed := v_changed || to_jsonb(v_row.id); END LOOP;
  ELSIF p_kind = 'extend' THEN
    FOR v_row IN 
UPDATE booking_hold h SET expires_at = h.expires_at + make_interval(mins => p_minutes::int), updated_at = now()
WHERE h.id = (p_ids::jsonb ->> 0) AND h.status = 'active' AND h.expires_at > clock_timestamp() AND h.deleted_at IS NULL
  AND (h.cart_id IS NULL OR h.expires_at + make_interval(mins => p_minutes::int) <= (
  SELECT min(o.created_at) + make_interval(mins => coalesce(r.max_hold_minutes, p_cap::int))
  FROM booking_hold o JOIN booking_resource r ON r.id = o.resource_id
  WHERE o.cart_id = h.cart_id AND o.resource_id = h.resource_id AND o.date = h.date AND o.slot = h.slot
    AND o.deleted_at IS NULL -- the predicate of the cart index (IDX_booking_hold_cart_id): the cart's rows only
  GROUP BY r.max_hold_minutes
))
RETURNING * LOOP v_changed := v_changed || to_jsonb(v_row.id); END LOOP;
  ELSIF p_kind = 'shorten' THEN
    FOR v_row IN 
UPDATE booking_hold SET expires_at = p_until::timestamptz, updated_at = now()
WHERE id = (p_ids::jsonb ->> 0) AND status = 'active' AND deleted_at IS NULL AND expires_at > p_until::timestamptz
RETURNING id LOOP v_changed := v_changed || to_jsonb(v_row.id); END LOOP;
  ELSE
    RAISE EXCEPTION 'unknown kind of hold move: %', p_kind;
  END IF;
  SELECT coalesce(jsonb_agg(to_jsonb(x)), '[]'::jsonb) INTO v_holds FROM (
SELECT * FROM booking_hold
WHERE deleted_at IS NULL AND id IN (SELECT jsonb_array_elements_text(p_ids::jsonb))) x;
  IF p_kind = 'release_strict' THEN
    SELECT value INTO v_refusal FROM jsonb_array_elements(v_holds) WHERE value ->> 'status' <> 'released' LIMIT 1;
    IF v_refusal IS NOT NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'RB003', MESSAGE = 'resource_booking: only active holds can be released', DETAIL = v_refusal::text;
    END IF;
  ELSIF p_kind = 'extend' AND jsonb_array_length(v_changed) = 0 THEN
    v_refusal := v_holds -> 0;
    RAISE EXCEPTION USING ERRCODE = 'RB004', MESSAGE = 'resource_booking: the hold cannot be extended', DETAIL = v_refusal::text;
  END IF;
  RETURN jsonb_build_object('expired', v_expired, 'changed', v_changed, 'holds', v_holds);
END
$function$;`)
    this.addSql(`CREATE OR REPLACE FUNCTION resource_booking_sync_cart_holds(p_unshared boolean, p_resources text, p_keys text, p_expire text, p_expected text, p_release text, p_cart text, p_ttl int, p_default_ttl int, p_default_max_hold int, p_capped boolean,
  p_max_per_cart int, p_zone text, p_use_cutoff boolean, p_items text, p_customer text, p_metadata text,
  p_bind text, p_confirm boolean, p_order text) RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $function$
DECLARE
  v_row record;
  v_expired jsonb := '[]'::jsonb;
  v_created jsonb := '[]'::jsonb;
  v_changed jsonb := '[]'::jsonb;
  v_refusal jsonb;
  v_holds jsonb;
  v_covering jsonb;
  v_unchanged boolean;
BEGIN
  FOR v_row IN 
WITH 
resources_locked AS MATERIALIZED (
  SELECT count(CASE WHEN s.exclusive THEN pg_advisory_xact_lock(29282, s.h)
    ELSE pg_advisory_xact_lock_shared(29282, s.h) END)::int
    + length(set_config('jit', 'off', true)) * 0 AS n
  FROM (SELECT hashtext(r.resource_id) # CASE WHEN p_unshared THEN pg_backend_pid() ELSE 0 END AS h, bool_or(r.exclusive) AS exclusive FROM jsonb_to_recordset(p_resources::jsonb) AS r(resource_id text, exclusive boolean) GROUP BY 1 ORDER BY 1) s
), locked AS MATERIALIZED (
  SELECT count(pg_advisory_xact_lock(s.key))::int AS n FROM (
    SELECT DISTINCT ('x' || substr(md5(k.resource_id || '|' || k.date || CASE WHEN coalesce(k.slot, '') = '' THEN '' ELSE '|' || k.slot END), 1, 16))::bit(64)::bigint # CASE WHEN p_unshared THEN pg_backend_pid() ELSE 0 END AS key FROM jsonb_to_recordset(p_keys::jsonb) AS k(resource_id text, date text, slot text) ORDER BY key
  ) s
  WHERE (SELECT n FROM resources_locked) >= 0
), moved AS (
  UPDATE booking_hold h SET status = 'expired', expired_at = now(), updated_at = now()
  WHERE h.status = 'active' AND h.deleted_at IS NULL AND (SELECT n FROM locked) >= 0 AND h.expires_at <= clock_timestamp() AND h.id = ANY(ARRAY(
    SELECT a.id FROM jsonb_to_recordset(p_expire::jsonb) AS k(resource_id text, date text, slot text) CROSS JOIN LATERAL (
      SELECT id FROM booking_hold
      WHERE resource_id = k.resource_id AND date = k.date AND slot = k.slot AND status = 'active'
        AND deleted_at IS NULL AND expires_at <= (SELECT clock_timestamp())
      OFFSET 0
    ) a
  ))
  RETURNING h.id, h.resource_id, h.date, h.slot, h.quantity
), restored AS (
  UPDATE booking_capacity c SET available_capacity = c.available_capacity + s.qty, updated_at = now()
  FROM (SELECT resource_id, date, slot, sum(quantity)::int AS qty FROM moved GROUP BY 1, 2, 3) s
  WHERE c.resource_id = s.resource_id AND c.date = s.date AND c.slot = s.slot AND c.deleted_at IS NULL
  RETURNING c.id
)
SELECT id FROM moved LOOP
    v_expired := v_expired || to_jsonb(v_row.id);
  END LOOP;
  SELECT unchanged INTO v_unchanged FROM (
SELECT NOT EXISTS (
  (SELECT id, status::text, quantity, line_item_id FROM booking_hold
   WHERE cart_id = p_cart AND status IN ('active', 'confirmed') AND deleted_at IS NULL
   EXCEPT SELECT id, status, quantity, line_item_id FROM jsonb_to_recordset(p_expected::jsonb) AS e(id text, status text, quantity int, line_item_id text))
  UNION ALL
  (SELECT id, status, quantity, line_item_id FROM jsonb_to_recordset(p_expected::jsonb) AS e(id text, status text, quantity int, line_item_id text)
   EXCEPT SELECT id, status::text, quantity, line_item_id FROM booking_hold
   WHERE cart_id = p_cart AND status IN ('active', 'confirmed') AND deleted_at IS NULL)
) AS unchanged) x;
  IF NOT v_unchanged THEN
    RETURN jsonb_build_object('stale', true, 'expired', v_expired);
  END IF;
  FOR v_row IN 
WITH moved AS (
  UPDATE booking_hold h SET status = 'released', released_at = now(), updated_at = now()
  WHERE h.status = 'active' AND h.deleted_at IS NULL AND h.expires_at > clock_timestamp() AND h.id IN (SELECT jsonb_array_elements_text(p_release::jsonb))
  RETURNING h.id, h.resource_id, h.date, h.slot, h.quantity
), restored AS (
  UPDATE booking_capacity c SET available_capacity = c.available_capacity + s.qty, updated_at = now()
  FROM (SELECT resource_id, date, slot, sum(quantity)::int AS qty FROM moved GROUP BY 1, 2, 3) s
  WHERE c.resource_id = s.resource_id AND c.date = s.date AND c.slot = s.slot AND c.deleted_at IS NULL
  RETURNING c.id
)
SELECT id FROM moved LOOP v_changed := v_changed || to_jsonb(v_row.id); END LOOP;
  IF jsonb_array_length(p_items::jsonb) > 0 THEN
    FOR v_row IN 
  WITH 
  p AS (
    SELECT p_cart::text AS cart_id, p_ttl::int AS ttl, p_default_ttl::int AS default_ttl, p_default_max_hold::int AS default_max_hold,
      p_capped::boolean AS capped, p_max_per_cart::int AS max_per_cart, p_zone::text AS default_zone, p_use_cutoff::boolean AS use_cutoff
  ), items AS (
    SELECT * FROM jsonb_to_recordset(p_items::jsonb)
      AS i(id text, resource_id text, date text, slot text, quantity int, ord int, line_item_id text,
        order_id text, order_change_id text)
  ), found AS (
    SELECT n.resource_id, n.date, n.slot, n.need, r.id IS NOT NULL AS resource_found, r.title, r.is_active,
      r.slots, r.slot_ok, c.id IS NOT NULL AS capacity_found, c.id AS capacity_id, c.available_capacity,
      n.date < to_char(clock_timestamp() AT TIME ZONE coalesce(r.time_zone, p.default_zone), 'YYYY-MM-DD') AS past,
      coalesce(r.time_zone, p.default_zone) AS zone,
      CASE WHEN p.use_cutoff THEN r.cutoff_minutes END AS cutoff_minutes,
      ((CASE WHEN n.slot = '' THEN n.date::date::timestamp ELSE (n.date || ' ' || n.slot)::timestamp END) AT TIME ZONE coalesce(r.time_zone, p.default_zone)) AS starts_at,
      NOT (n.slot = '' OR to_char(((CASE WHEN n.slot = '' THEN n.date::date::timestamp ELSE (n.date || ' ' || n.slot)::timestamp END) AT TIME ZONE coalesce(r.time_zone, p.default_zone)) AT TIME ZONE coalesce(r.time_zone, p.default_zone), 'HH24:MI') = n.slot) AS nonexistent,
      clock_timestamp() >= ((CASE WHEN n.slot = '' THEN (n.date::date + 1)::timestamp AT TIME ZONE coalesce(r.time_zone, p.default_zone) ELSE ((CASE WHEN n.slot = '' THEN n.date::date::timestamp ELSE (n.date || ' ' || n.slot)::timestamp END) AT TIME ZONE coalesce(r.time_zone, p.default_zone)) END) - make_interval(mins => coalesce(CASE WHEN p.use_cutoff THEN r.cutoff_minutes END, 0))) AS closed,
      clock_timestamp() + make_interval(mins => coalesce(p.ttl, r.hold_ttl_minutes, p.default_ttl)) AS ttl_expiry,
      coalesce(r.max_hold_minutes, p.default_max_hold) AS max_hold,
      CASE WHEN p.capped AND p.cart_id IS NOT NULL THEN coalesce((
        SELECT min(h.created_at) FROM booking_hold h
        WHERE h.cart_id = p.cart_id AND h.resource_id = n.resource_id AND h.date = n.date AND h.slot = n.slot
          AND h.deleted_at IS NULL -- the cart index's predicate: without it, a scan of every hold ever made
      ), clock_timestamp()) + make_interval(mins => coalesce(r.max_hold_minutes, p.default_max_hold)) END AS cap_expiry
    FROM p CROSS JOIN (
      SELECT resource_id, date, coalesce(slot, '') AS slot, sum(quantity)::int AS need FROM items GROUP BY 1, 2, 3
    ) n
    
  LEFT JOIN LATERAL (
    SELECT id, title, is_active, hold_ttl_minutes, max_hold_minutes, slots, time_zone, cutoff_minutes,
      CASE WHEN cardinality(slots) = 0 THEN n.slot = '' ELSE n.slot = ANY(slots) END AS slot_ok
    FROM booking_resource
    WHERE id = n.resource_id AND deleted_at IS NULL LIMIT 1
  ) r ON true
  LEFT JOIN LATERAL (
    SELECT id, available_capacity, max_capacity FROM booking_capacity
    WHERE resource_id = n.resource_id AND date = n.date AND slot = n.slot AND deleted_at IS NULL LIMIT 1
  ) c ON true
  ), cart_total AS (
    SELECT p.max_per_cart, (SELECT sum(quantity) FROM items)::int AS asked, (
      SELECT coalesce(sum(quantity), 0) FROM booking_hold
      WHERE cart_id = p.cart_id AND status = 'active' AND deleted_at IS NULL AND expires_at > clock_timestamp()
    )::int AS held
    FROM p WHERE p.cart_id IS NOT NULL AND p.max_per_cart IS NOT NULL
  ), short AS (
    SELECT 1 FROM found
    WHERE is_active IS NOT TRUE OR slot_ok IS NOT TRUE OR available_capacity IS NULL OR available_capacity < need
      OR past OR nonexistent OR closed OR cap_expiry <= clock_timestamp()
    UNION ALL
    SELECT 1 FROM cart_total WHERE held + asked > max_per_cart
    LIMIT 1
  ), dec AS (
    UPDATE booking_capacity c
    SET available_capacity = c.available_capacity - (SELECT f.need FROM found f WHERE f.capacity_id = c.id),
      updated_at = now()
    WHERE NOT EXISTS (SELECT 1 FROM short) AND c.id = ANY(ARRAY(SELECT capacity_id FROM found))
    RETURNING c.id
  )
  INSERT INTO booking_hold (id, resource_id, date, slot, quantity, status, expires_at, cart_id, customer_id,
    metadata, line_item_id, order_id, order_change_id, created_at, updated_at)
  SELECT i.id, i.resource_id, i.date, coalesce(i.slot, ''), i.quantity, 'active',
    least(f.ttl_expiry, coalesce(f.cap_expiry, f.ttl_expiry)),
    p.cart_id, p_customer::text, p_metadata::jsonb, i.line_item_id, i.order_id, i.order_change_id, now(), now()
  FROM items i
  JOIN found f ON f.resource_id = i.resource_id AND f.date = i.date AND f.slot = coalesce(i.slot, '')
  CROSS JOIN p
  WHERE NOT EXISTS (SELECT 1 FROM short)
  ORDER BY i.ord
  RETURNING * LOOP
      v_created := v_created || to_jsonb(v_row);
    END LOOP;
    IF jsonb_array_length(v_created) <> jsonb_array_length(p_items::jsonb) THEN
      SELECT coalesce(jsonb_agg(to_jsonb(x)), '[]'::jsonb) INTO v_refusal
      FROM (
  WITH 
  p AS (
    SELECT p_cart::text AS cart_id, p_ttl::int AS ttl, p_default_ttl::int AS default_ttl, p_default_max_hold::int AS default_max_hold,
      p_capped::boolean AS capped, p_max_per_cart::int AS max_per_cart, p_zone::text AS default_zone, p_use_cutoff::boolean AS use_cutoff
  ), items AS (
    SELECT * FROM jsonb_to_recordset(p_items::jsonb)
      AS i(id text, resource_id text, date text, slot text, quantity int, ord int, line_item_id text,
        order_id text, order_change_id text)
  ), found AS (
    SELECT n.resource_id, n.date, n.slot, n.need, r.id IS NOT NULL AS resource_found, r.title, r.is_active,
      r.slots, r.slot_ok, c.id IS NOT NULL AS capacity_found, c.id AS capacity_id, c.available_capacity,
      n.date < to_char(clock_timestamp() AT TIME ZONE coalesce(r.time_zone, p.default_zone), 'YYYY-MM-DD') AS past,
      coalesce(r.time_zone, p.default_zone) AS zone,
      CASE WHEN p.use_cutoff THEN r.cutoff_minutes END AS cutoff_minutes,
      ((CASE WHEN n.slot = '' THEN n.date::date::timestamp ELSE (n.date || ' ' || n.slot)::timestamp END) AT TIME ZONE coalesce(r.time_zone, p.default_zone)) AS starts_at,
      NOT (n.slot = '' OR to_char(((CASE WHEN n.slot = '' THEN n.date::date::timestamp ELSE (n.date || ' ' || n.slot)::timestamp END) AT TIME ZONE coalesce(r.time_zone, p.default_zone)) AT TIME ZONE coalesce(r.time_zone, p.default_zone), 'HH24:MI') = n.slot) AS nonexistent,
      clock_timestamp() >= ((CASE WHEN n.slot = '' THEN (n.date::date + 1)::timestamp AT TIME ZONE coalesce(r.time_zone, p.default_zone) ELSE ((CASE WHEN n.slot = '' THEN n.date::date::timestamp ELSE (n.date || ' ' || n.slot)::timestamp END) AT TIME ZONE coalesce(r.time_zone, p.default_zone)) END) - make_interval(mins => coalesce(CASE WHEN p.use_cutoff THEN r.cutoff_minutes END, 0))) AS closed,
      clock_timestamp() + make_interval(mins => coalesce(p.ttl, r.hold_ttl_minutes, p.default_ttl)) AS ttl_expiry,
      coalesce(r.max_hold_minutes, p.default_max_hold) AS max_hold,
      CASE WHEN p.capped AND p.cart_id IS NOT NULL THEN coalesce((
        SELECT min(h.created_at) FROM booking_hold h
        WHERE h.cart_id = p.cart_id AND h.resource_id = n.resource_id AND h.date = n.date AND h.slot = n.slot
          AND h.deleted_at IS NULL -- the cart index's predicate: without it, a scan of every hold ever made
      ), clock_timestamp()) + make_interval(mins => coalesce(r.max_hold_minutes, p.default_max_hold)) END AS cap_expiry
    FROM p CROSS JOIN (
      SELECT resource_id, date, coalesce(slot, '') AS slot, sum(quantity)::int AS need FROM items GROUP BY 1, 2, 3
    ) n
    
  LEFT JOIN LATERAL (
    SELECT id, title, is_active, hold_ttl_minutes, max_hold_minutes, slots, time_zone, cutoff_minutes,
      CASE WHEN cardinality(slots) = 0 THEN n.slot = '' ELSE n.slot = ANY(slots) END AS slot_ok
    FROM booking_resource
    WHERE id = n.resource_id AND deleted_at IS NULL LIMIT 1
  ) r ON true
  LEFT JOIN LATERAL (
    SELECT id, available_capacity, max_capacity FROM booking_capacity
    WHERE resource_id = n.resource_id AND date = n.date AND slot = n.slot AND deleted_at IS NULL LIMIT 1
  ) c ON true
  ), cart_total AS (
    SELECT p.max_per_cart, (SELECT sum(quantity) FROM items)::int AS asked, (
      SELECT coalesce(sum(quantity), 0) FROM booking_hold
      WHERE cart_id = p.cart_id AND status = 'active' AND deleted_at IS NULL AND expires_at > clock_timestamp()
    )::int AS held
    FROM p WHERE p.cart_id IS NOT NULL AND p.max_per_cart IS NOT NULL
  )
  SELECT f.*, cap_expiry <= clock_timestamp() AS cap_reached, (SELECT row_to_json(t) FROM cart_total t) AS cart
  FROM found f
  ORDER BY f.resource_id, f.date, f.slot) x;
      RAISE EXCEPTION USING ERRCODE = 'RB001', MESSAGE = 'resource_booking: the holds could not be taken', DETAIL = v_refusal::text;
    END IF;
  END IF;
  FOR v_row IN 
UPDATE booking_hold h SET line_item_id = b.line_item_id, updated_at = now()
FROM jsonb_to_recordset(p_bind::jsonb) AS b(id text, line_item_id text)
WHERE h.id = b.id AND h.status = 'active' AND h.deleted_at IS NULL
RETURNING h.id LOOP END LOOP;
  v_holds := '[]'::jsonb;
  IF p_confirm THEN
    SELECT coalesce(jsonb_agg(x.id), '[]'::jsonb) INTO v_covering FROM (
SELECT id, resource_id, date, slot, quantity, status, line_item_id, order_id, created_at,
  expires_at <= clock_timestamp() AS overdue
FROM booking_hold
WHERE cart_id = p_cart AND deleted_at IS NULL
ORDER BY created_at DESC, id DESC) x
    WHERE x.status = 'active' AND x.line_item_id IS NOT NULL;
    FOR v_row IN 
UPDATE booking_hold SET status = 'confirmed', confirmed_at = now(), updated_at = now(),
  order_id = coalesce(p_order::text, order_id)
WHERE status = 'active' AND expires_at > clock_timestamp() AND deleted_at IS NULL
  AND id IN (SELECT jsonb_array_elements_text(v_covering::text::jsonb))
RETURNING id LOOP v_holds := v_holds || to_jsonb(v_row.id); END LOOP;
    IF jsonb_array_length(v_holds) <> jsonb_array_length(v_covering) THEN
      SELECT coalesce(jsonb_agg(to_jsonb(x)), '[]'::jsonb) INTO v_holds FROM (
SELECT * FROM booking_hold
WHERE deleted_at IS NULL AND id IN (SELECT jsonb_array_elements_text(v_covering::text::jsonb))) x;
    SELECT value INTO v_refusal FROM jsonb_array_elements(v_holds) WHERE value ->> 'status' <> 'confirmed' LIMIT 1;
    IF v_refusal IS NOT NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'RB002', MESSAGE = 'resource_booking: a hold lapsed during checkout', DETAIL = v_refusal::text;
    END IF;
    END IF;
  END IF;
  RETURN jsonb_build_object('expired', v_expired, 'released', v_changed, 'created', v_created, 'confirmed', v_holds);
END
$function$;`)
  }

  override async down(): Promise<void> {
    this.addSql(`DROP FUNCTION IF EXISTS resource_booking_place_holds(boolean, text, text, text, text)`)
    this.addSql(`DROP FUNCTION IF EXISTS resource_booking_move_holds(boolean, text, text, text, text, text, text, int, int, text)`)
    this.addSql(`DROP FUNCTION IF EXISTS resource_booking_sync_cart_holds(boolean, text, text, text, text, text, text, int, int, int, boolean, int, text, boolean, text, text, text, text, boolean, text)`)
    this.addSql(`CREATE OR REPLACE FUNCTION resource_booking_place_holds(p_unshared boolean, p_resources text, p_keys text, p_expire text, p_cart text, p_ttl int, p_default_ttl int, p_default_max_hold int, p_capped boolean,
  p_max_per_cart int, p_zone text, p_use_cutoff boolean, p_items text, p_customer text, p_metadata text) RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $function$
DECLARE
  v_row record;
  v_expired jsonb := '[]'::jsonb;
  v_created jsonb := '[]'::jsonb;
  v_changed jsonb := '[]'::jsonb;
  v_refusal jsonb;
  v_holds jsonb;
  v_covering jsonb;
  v_unchanged boolean;
BEGIN
  FOR v_row IN 
WITH 
resources_locked AS MATERIALIZED (
  SELECT count(CASE WHEN s.exclusive THEN pg_advisory_xact_lock(29282, s.h)
    ELSE pg_advisory_xact_lock_shared(29282, s.h) END)::int
    + length(set_config('jit', 'off', true)) * 0 AS n
  FROM (SELECT hashtext(r.resource_id) # CASE WHEN p_unshared THEN pg_backend_pid() ELSE 0 END AS h, bool_or(r.exclusive) AS exclusive FROM jsonb_to_recordset(p_resources::jsonb) AS r(resource_id text, exclusive boolean) GROUP BY 1 ORDER BY 1) s
), locked AS MATERIALIZED (
  SELECT count(pg_advisory_xact_lock(s.key))::int AS n FROM (
    SELECT DISTINCT ('x' || substr(md5(k.resource_id || '|' || k.date || CASE WHEN coalesce(k.slot, '') = '' THEN '' ELSE '|' || k.slot END), 1, 16))::bit(64)::bigint # CASE WHEN p_unshared THEN pg_backend_pid() ELSE 0 END AS key FROM jsonb_to_recordset(p_keys::jsonb) AS k(resource_id text, date text, slot text) ORDER BY key
  ) s
  WHERE (SELECT n FROM resources_locked) >= 0
), moved AS (
  UPDATE booking_hold h SET status = 'expired', expired_at = now(), updated_at = now()
  WHERE h.status = 'active' AND h.deleted_at IS NULL AND (SELECT n FROM locked) >= 0 AND h.expires_at <= clock_timestamp() AND h.id = ANY(ARRAY(
    SELECT a.id FROM jsonb_to_recordset(p_expire::jsonb) AS k(resource_id text, date text, slot text) CROSS JOIN LATERAL (
      SELECT id FROM booking_hold
      WHERE resource_id = k.resource_id AND date = k.date AND slot = k.slot AND status = 'active'
        AND deleted_at IS NULL AND expires_at <= (SELECT clock_timestamp())
      OFFSET 0
    ) a
  ))
  RETURNING h.id, h.resource_id, h.date, h.slot, h.quantity
), restored AS (
  UPDATE booking_capacity c SET available_capacity = c.available_capacity + s.qty, updated_at = now()
  FROM (SELECT resource_id, date, slot, sum(quantity)::int AS qty FROM moved GROUP BY 1, 2, 3) s
  WHERE c.resource_id = s.resource_id AND c.date = s.date AND c.slot = s.slot AND c.deleted_at IS NULL
  RETURNING c.id
)
SELECT id FROM moved LOOP
    v_expired := v_expired || to_jsonb(v_row.id);
  END LOOP;
  FOR v_row IN 
WITH 
p AS (
  SELECT p_cart::text AS cart_id, p_ttl::int AS ttl, p_default_ttl::int AS default_ttl, p_default_max_hold::int AS default_max_hold,
    p_capped::boolean AS capped, p_max_per_cart::int AS max_per_cart, p_zone::text AS default_zone, p_use_cutoff::boolean AS use_cutoff
), items AS (
  SELECT * FROM jsonb_to_recordset(p_items::jsonb)
    AS i(id text, resource_id text, date text, slot text, quantity int, ord int, line_item_id text,
      order_id text, order_change_id text)
), found AS (
  SELECT n.resource_id, n.date, n.slot, n.need, r.id IS NOT NULL AS resource_found, r.title, r.is_active,
    r.slots, r.slot_ok, c.id IS NOT NULL AS capacity_found, c.id AS capacity_id, c.available_capacity,
    n.date < to_char(clock_timestamp() AT TIME ZONE coalesce(r.time_zone, p.default_zone), 'YYYY-MM-DD') AS past,
    coalesce(r.time_zone, p.default_zone) AS zone,
    CASE WHEN p.use_cutoff THEN r.cutoff_minutes END AS cutoff_minutes,
    ((CASE WHEN n.slot = '' THEN n.date::date::timestamp ELSE (n.date || ' ' || n.slot)::timestamp END) AT TIME ZONE coalesce(r.time_zone, p.default_zone)) AS starts_at,
    NOT (n.slot = '' OR to_char(((CASE WHEN n.slot = '' THEN n.date::date::timestamp ELSE (n.date || ' ' || n.slot)::timestamp END) AT TIME ZONE coalesce(r.time_zone, p.default_zone)) AT TIME ZONE coalesce(r.time_zone, p.default_zone), 'HH24:MI') = n.slot) AS nonexistent,
    clock_timestamp() >= ((CASE WHEN n.slot = '' THEN (n.date::date + 1)::timestamp AT TIME ZONE coalesce(r.time_zone, p.default_zone) ELSE ((CASE WHEN n.slot = '' THEN n.date::date::timestamp ELSE (n.date || ' ' || n.slot)::timestamp END) AT TIME ZONE coalesce(r.time_zone, p.default_zone)) END) - make_interval(mins => coalesce(CASE WHEN p.use_cutoff THEN r.cutoff_minutes END, 0))) AS closed,
    clock_timestamp() + make_interval(mins => coalesce(p.ttl, r.hold_ttl_minutes, p.default_ttl)) AS ttl_expiry,
    coalesce(r.max_hold_minutes, p.default_max_hold) AS max_hold,
    CASE WHEN p.capped AND p.cart_id IS NOT NULL THEN coalesce((
      SELECT min(h.created_at) FROM booking_hold h
      WHERE h.cart_id = p.cart_id AND h.resource_id = n.resource_id AND h.date = n.date AND h.slot = n.slot
        AND h.deleted_at IS NULL -- the cart index's predicate: without it, a scan of every hold ever made
    ), clock_timestamp()) + make_interval(mins => coalesce(r.max_hold_minutes, p.default_max_hold)) END AS cap_expiry
  FROM p CROSS JOIN (
    SELECT resource_id, date, coalesce(slot, '') AS slot, sum(quantity)::int AS need FROM items GROUP BY 1, 2, 3
  ) n
  
LEFT JOIN LATERAL (
  SELECT id, title, is_active, hold_ttl_minutes, max_hold_minutes, slots, time_zone, cutoff_minutes,
    CASE WHEN cardinality(slots) = 0 THEN n.slot = '' ELSE n.slot = ANY(slots) END AS slot_ok
  FROM booking_resource
  WHERE id = n.resource_id AND deleted_at IS NULL LIMIT 1
) r ON true
LEFT JOIN LATERAL (
  SELECT id, available_capacity, max_capacity FROM booking_capacity
  WHERE resource_id = n.resource_id AND date = n.date AND slot = n.slot AND deleted_at IS NULL LIMIT 1
) c ON true
), cart_total AS (
  SELECT p.max_per_cart, (SELECT sum(quantity) FROM items)::int AS asked, (
    SELECT coalesce(sum(quantity), 0) FROM booking_hold
    WHERE cart_id = p.cart_id AND status = 'active' AND deleted_at IS NULL AND expires_at > clock_timestamp()
  )::int AS held
  FROM p WHERE p.cart_id IS NOT NULL AND p.max_per_cart IS NOT NULL
), short AS (
  SELECT 1 FROM found
  WHERE is_active IS NOT TRUE OR slot_ok IS NOT TRUE OR available_capacity IS NULL OR available_capacity < need
    OR past OR nonexistent OR closed OR cap_expiry <= clock_timestamp()
  UNION ALL
  SELECT 1 FROM cart_total WHERE held + asked > max_per_cart
  LIMIT 1
), dec AS (
  UPDATE booking_capacity c
  SET available_capacity = c.available_capacity - (SELECT f.need FROM found f WHERE f.capacity_id = c.id),
    updated_at = now()
  WHERE NOT EXISTS (SELECT 1 FROM short) AND c.id = ANY(ARRAY(SELECT capacity_id FROM found))
  RETURNING c.id
)
INSERT INTO booking_hold (id, resource_id, date, slot, quantity, status, expires_at, cart_id, customer_id,
  metadata, line_item_id, order_id, order_change_id, created_at, updated_at)
SELECT i.id, i.resource_id, i.date, coalesce(i.slot, ''), i.quantity, 'active',
  least(f.ttl_expiry, coalesce(f.cap_expiry, f.ttl_expiry)),
  p.cart_id, p_customer::text, p_metadata::jsonb, i.line_item_id, i.order_id, i.order_change_id, now(), now()
FROM items i
JOIN found f ON f.resource_id = i.resource_id AND f.date = i.date AND f.slot = coalesce(i.slot, '')
CROSS JOIN p
WHERE NOT EXISTS (SELECT 1 FROM short)
ORDER BY i.ord
RETURNING * LOOP
    v_created := v_created || to_jsonb(v_row);
  END LOOP;
  IF jsonb_array_length(v_created) <> jsonb_array_length(p_items::jsonb) THEN
    SELECT coalesce(jsonb_agg(to_jsonb(x)), '[]'::jsonb) INTO v_refusal
    FROM (
WITH 
p AS (
  SELECT p_cart::text AS cart_id, p_ttl::int AS ttl, p_default_ttl::int AS default_ttl, p_default_max_hold::int AS default_max_hold,
    p_capped::boolean AS capped, p_max_per_cart::int AS max_per_cart, p_zone::text AS default_zone, p_use_cutoff::boolean AS use_cutoff
), items AS (
  SELECT * FROM jsonb_to_recordset(p_items::jsonb)
    AS i(id text, resource_id text, date text, slot text, quantity int, ord int, line_item_id text,
      order_id text, order_change_id text)
), found AS (
  SELECT n.resource_id, n.date, n.slot, n.need, r.id IS NOT NULL AS resource_found, r.title, r.is_active,
    r.slots, r.slot_ok, c.id IS NOT NULL AS capacity_found, c.id AS capacity_id, c.available_capacity,
    n.date < to_char(clock_timestamp() AT TIME ZONE coalesce(r.time_zone, p.default_zone), 'YYYY-MM-DD') AS past,
    coalesce(r.time_zone, p.default_zone) AS zone,
    CASE WHEN p.use_cutoff THEN r.cutoff_minutes END AS cutoff_minutes,
    ((CASE WHEN n.slot = '' THEN n.date::date::timestamp ELSE (n.date || ' ' || n.slot)::timestamp END) AT TIME ZONE coalesce(r.time_zone, p.default_zone)) AS starts_at,
    NOT (n.slot = '' OR to_char(((CASE WHEN n.slot = '' THEN n.date::date::timestamp ELSE (n.date || ' ' || n.slot)::timestamp END) AT TIME ZONE coalesce(r.time_zone, p.default_zone)) AT TIME ZONE coalesce(r.time_zone, p.default_zone), 'HH24:MI') = n.slot) AS nonexistent,
    clock_timestamp() >= ((CASE WHEN n.slot = '' THEN (n.date::date + 1)::timestamp AT TIME ZONE coalesce(r.time_zone, p.default_zone) ELSE ((CASE WHEN n.slot = '' THEN n.date::date::timestamp ELSE (n.date || ' ' || n.slot)::timestamp END) AT TIME ZONE coalesce(r.time_zone, p.default_zone)) END) - make_interval(mins => coalesce(CASE WHEN p.use_cutoff THEN r.cutoff_minutes END, 0))) AS closed,
    clock_timestamp() + make_interval(mins => coalesce(p.ttl, r.hold_ttl_minutes, p.default_ttl)) AS ttl_expiry,
    coalesce(r.max_hold_minutes, p.default_max_hold) AS max_hold,
    CASE WHEN p.capped AND p.cart_id IS NOT NULL THEN coalesce((
      SELECT min(h.created_at) FROM booking_hold h
      WHERE h.cart_id = p.cart_id AND h.resource_id = n.resource_id AND h.date = n.date AND h.slot = n.slot
        AND h.deleted_at IS NULL -- the cart index's predicate: without it, a scan of every hold ever made
    ), clock_timestamp()) + make_interval(mins => coalesce(r.max_hold_minutes, p.default_max_hold)) END AS cap_expiry
  FROM p CROSS JOIN (
    SELECT resource_id, date, coalesce(slot, '') AS slot, sum(quantity)::int AS need FROM items GROUP BY 1, 2, 3
  ) n
  
LEFT JOIN LATERAL (
  SELECT id, title, is_active, hold_ttl_minutes, max_hold_minutes, slots, time_zone, cutoff_minutes,
    CASE WHEN cardinality(slots) = 0 THEN n.slot = '' ELSE n.slot = ANY(slots) END AS slot_ok
  FROM booking_resource
  WHERE id = n.resource_id AND deleted_at IS NULL LIMIT 1
) r ON true
LEFT JOIN LATERAL (
  SELECT id, available_capacity, max_capacity FROM booking_capacity
  WHERE resource_id = n.resource_id AND date = n.date AND slot = n.slot AND deleted_at IS NULL LIMIT 1
) c ON true
), cart_total AS (
  SELECT p.max_per_cart, (SELECT sum(quantity) FROM items)::int AS asked, (
    SELECT coalesce(sum(quantity), 0) FROM booking_hold
    WHERE cart_id = p.cart_id AND status = 'active' AND deleted_at IS NULL AND expires_at > clock_timestamp()
  )::int AS held
  FROM p WHERE p.cart_id IS NOT NULL AND p.max_per_cart IS NOT NULL
)
SELECT f.*, cap_expiry <= clock_timestamp() AS cap_reached, (SELECT row_to_json(t) FROM cart_total t) AS cart
FROM found f
ORDER BY f.resource_id, f.date, f.slot) x;
    RAISE EXCEPTION USING ERRCODE = 'RB001', MESSAGE = 'resource_booking: the holds could not be taken', DETAIL = v_refusal::text;
  END IF;
  RETURN jsonb_build_object('expired', v_expired, 'holds', v_created);
END
$function$;`)
    this.addSql(`CREATE OR REPLACE FUNCTION resource_booking_move_holds(p_unshared boolean, p_resources text, p_keys text, p_expire text, p_kind text, p_ids text, p_order text, p_minutes int, p_cap int, p_until text) RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $function$
DECLARE
  v_row record;
  v_expired jsonb := '[]'::jsonb;
  v_created jsonb := '[]'::jsonb;
  v_changed jsonb := '[]'::jsonb;
  v_refusal jsonb;
  v_holds jsonb;
  v_covering jsonb;
  v_unchanged boolean;
BEGIN
  FOR v_row IN 
WITH 
resources_locked AS MATERIALIZED (
  SELECT count(CASE WHEN s.exclusive THEN pg_advisory_xact_lock(29282, s.h)
    ELSE pg_advisory_xact_lock_shared(29282, s.h) END)::int
    + length(set_config('jit', 'off', true)) * 0 AS n
  FROM (SELECT hashtext(r.resource_id) # CASE WHEN p_unshared THEN pg_backend_pid() ELSE 0 END AS h, bool_or(r.exclusive) AS exclusive FROM jsonb_to_recordset(p_resources::jsonb) AS r(resource_id text, exclusive boolean) GROUP BY 1 ORDER BY 1) s
), locked AS MATERIALIZED (
  SELECT count(pg_advisory_xact_lock(s.key))::int AS n FROM (
    SELECT DISTINCT ('x' || substr(md5(k.resource_id || '|' || k.date || CASE WHEN coalesce(k.slot, '') = '' THEN '' ELSE '|' || k.slot END), 1, 16))::bit(64)::bigint # CASE WHEN p_unshared THEN pg_backend_pid() ELSE 0 END AS key FROM jsonb_to_recordset(p_keys::jsonb) AS k(resource_id text, date text, slot text) ORDER BY key
  ) s
  WHERE (SELECT n FROM resources_locked) >= 0
), moved AS (
  UPDATE booking_hold h SET status = 'expired', expired_at = now(), updated_at = now()
  WHERE h.status = 'active' AND h.deleted_at IS NULL AND (SELECT n FROM locked) >= 0 AND h.expires_at <= clock_timestamp() AND h.id = ANY(ARRAY(
    SELECT a.id FROM jsonb_to_recordset(p_expire::jsonb) AS k(resource_id text, date text, slot text) CROSS JOIN LATERAL (
      SELECT id FROM booking_hold
      WHERE resource_id = k.resource_id AND date = k.date AND slot = k.slot AND status = 'active'
        AND deleted_at IS NULL AND expires_at <= (SELECT clock_timestamp())
      OFFSET 0
    ) a
  ))
  RETURNING h.id, h.resource_id, h.date, h.slot, h.quantity
), restored AS (
  UPDATE booking_capacity c SET available_capacity = c.available_capacity + s.qty, updated_at = now()
  FROM (SELECT resource_id, date, slot, sum(quantity)::int AS qty FROM moved GROUP BY 1, 2, 3) s
  WHERE c.resource_id = s.resource_id AND c.date = s.date AND c.slot = s.slot AND c.deleted_at IS NULL
  RETURNING c.id
)
SELECT id FROM moved LOOP
    v_expired := v_expired || to_jsonb(v_row.id);
  END LOOP;
  IF p_kind = 'confirm' THEN
    FOR v_row IN 
UPDATE booking_hold SET status = 'confirmed', confirmed_at = now(), updated_at = now(),
  order_id = coalesce(p_order::text, order_id)
WHERE status = 'active' AND expires_at > clock_timestamp() AND deleted_at IS NULL
  AND id IN (SELECT jsonb_array_elements_text(p_ids::jsonb))
RETURNING id LOOP v_changed := v_changed || to_jsonb(v_row.id); END LOOP;
  ELSIF p_kind = 'unconfirm' THEN
    FOR v_row IN 
UPDATE booking_hold SET status = 'active', confirmed_at = NULL, updated_at = now()
WHERE status = 'confirmed' AND order_id IS NULL AND deleted_at IS NULL
  AND id IN (SELECT jsonb_array_elements_text(p_ids::jsonb))
RETURNING id LOOP v_changed := v_changed || to_jsonb(v_row.id); END LOOP;
  ELSIF p_kind IN ('release', 'release_strict') THEN
    FOR v_row IN 
WITH moved AS (
  UPDATE booking_hold h SET status = 'released', released_at = now(), updated_at = now()
  WHERE h.status = 'active' AND h.deleted_at IS NULL AND h.expires_at > clock_timestamp() AND h.id IN (SELECT jsonb_array_elements_text(p_ids::jsonb))
  RETURNING h.id, h.resource_id, h.date, h.slot, h.quantity
), restored AS (
  UPDATE booking_capacity c SET available_capacity = c.available_capacity + s.qty, updated_at = now()
  FROM (SELECT resource_id, date, slot, sum(quantity)::int AS qty FROM moved GROUP BY 1, 2, 3) s
  WHERE c.resource_id = s.resource_id AND c.date = s.date AND c.slot = s.slot AND c.deleted_at IS NULL
  RETURNING c.id
)
SELECT id FROM moved LOOP v_changed := v_changed || to_jsonb(v_row.id); END LOOP;
  ELSIF p_kind = 'cancel' THEN
    FOR v_row IN 
WITH moved AS (
  UPDATE booking_hold h SET status = 'canceled', canceled_at = now(), updated_at = now()
  WHERE h.status = 'confirmed' AND h.deleted_at IS NULL AND h.id IN (SELECT jsonb_array_elements_text(p_ids::jsonb))
  RETURNING h.id, h.resource_id, h.date, h.slot, h.quantity
), restored AS (
  UPDATE booking_capacity c SET available_capacity = c.available_capacity + s.qty, updated_at = now()
  FROM (SELECT resource_id, date, slot, sum(quantity)::int AS qty FROM moved GROUP BY 1, 2, 3) s
  WHERE c.resource_id = s.resource_id AND c.date = s.date AND c.slot = s.slot AND c.deleted_at IS NULL
  RETURNING c.id
)
SELECT id FROM moved LOOP v_changed := v_changed || to_jsonb(v_row.id); END LOOP;
  ELSIF p_kind = 'extend' THEN
    FOR v_row IN 
UPDATE booking_hold h SET expires_at = h.expires_at + make_interval(mins => p_minutes::int), updated_at = now()
WHERE h.id = (p_ids::jsonb ->> 0) AND h.status = 'active' AND h.expires_at > clock_timestamp() AND h.deleted_at IS NULL
  AND (h.cart_id IS NULL OR h.expires_at + make_interval(mins => p_minutes::int) <= (
  SELECT min(o.created_at) + make_interval(mins => coalesce(r.max_hold_minutes, p_cap::int))
  FROM booking_hold o JOIN booking_resource r ON r.id = o.resource_id
  WHERE o.cart_id = h.cart_id AND o.resource_id = h.resource_id AND o.date = h.date AND o.slot = h.slot
    AND o.deleted_at IS NULL -- the predicate of the cart index (IDX_booking_hold_cart_id): the cart's rows only
  GROUP BY r.max_hold_minutes
))
RETURNING * LOOP v_changed := v_changed || to_jsonb(v_row.id); END LOOP;
  ELSIF p_kind = 'shorten' THEN
    FOR v_row IN 
UPDATE booking_hold SET expires_at = p_until::timestamptz, updated_at = now()
WHERE id = (p_ids::jsonb ->> 0) AND status = 'active' AND deleted_at IS NULL AND expires_at > p_until::timestamptz
RETURNING id LOOP v_changed := v_changed || to_jsonb(v_row.id); END LOOP;
  ELSE
    RAISE EXCEPTION 'unknown kind of hold move: %', p_kind;
  END IF;
  SELECT coalesce(jsonb_agg(to_jsonb(x)), '[]'::jsonb) INTO v_holds FROM (
SELECT * FROM booking_hold
WHERE deleted_at IS NULL AND id IN (SELECT jsonb_array_elements_text(p_ids::jsonb))) x;
  IF p_kind = 'release_strict' THEN
    SELECT value INTO v_refusal FROM jsonb_array_elements(v_holds) WHERE value ->> 'status' <> 'released' LIMIT 1;
    IF v_refusal IS NOT NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'RB003', MESSAGE = 'resource_booking: only active holds can be released', DETAIL = v_refusal::text;
    END IF;
  ELSIF p_kind = 'extend' AND jsonb_array_length(v_changed) = 0 THEN
    v_refusal := v_holds -> 0;
    RAISE EXCEPTION USING ERRCODE = 'RB004', MESSAGE = 'resource_booking: the hold cannot be extended', DETAIL = v_refusal::text;
  END IF;
  RETURN jsonb_build_object('expired', v_expired, 'changed', v_changed, 'holds', v_holds);
END
$function$;`)
    this.addSql(`CREATE OR REPLACE FUNCTION resource_booking_sync_cart_holds(p_unshared boolean, p_resources text, p_keys text, p_expire text, p_expected text, p_release text, p_cart text, p_ttl int, p_default_ttl int, p_default_max_hold int, p_capped boolean,
  p_max_per_cart int, p_zone text, p_use_cutoff boolean, p_items text, p_customer text, p_metadata text,
  p_bind text, p_confirm boolean, p_order text) RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $function$
DECLARE
  v_row record;
  v_expired jsonb := '[]'::jsonb;
  v_created jsonb := '[]'::jsonb;
  v_changed jsonb := '[]'::jsonb;
  v_refusal jsonb;
  v_holds jsonb;
  v_covering jsonb;
  v_unchanged boolean;
BEGIN
  FOR v_row IN 
WITH 
resources_locked AS MATERIALIZED (
  SELECT count(CASE WHEN s.exclusive THEN pg_advisory_xact_lock(29282, s.h)
    ELSE pg_advisory_xact_lock_shared(29282, s.h) END)::int
    + length(set_config('jit', 'off', true)) * 0 AS n
  FROM (SELECT hashtext(r.resource_id) # CASE WHEN p_unshared THEN pg_backend_pid() ELSE 0 END AS h, bool_or(r.exclusive) AS exclusive FROM jsonb_to_recordset(p_resources::jsonb) AS r(resource_id text, exclusive boolean) GROUP BY 1 ORDER BY 1) s
), locked AS MATERIALIZED (
  SELECT count(pg_advisory_xact_lock(s.key))::int AS n FROM (
    SELECT DISTINCT ('x' || substr(md5(k.resource_id || '|' || k.date || CASE WHEN coalesce(k.slot, '') = '' THEN '' ELSE '|' || k.slot END), 1, 16))::bit(64)::bigint # CASE WHEN p_unshared THEN pg_backend_pid() ELSE 0 END AS key FROM jsonb_to_recordset(p_keys::jsonb) AS k(resource_id text, date text, slot text) ORDER BY key
  ) s
  WHERE (SELECT n FROM resources_locked) >= 0
), moved AS (
  UPDATE booking_hold h SET status = 'expired', expired_at = now(), updated_at = now()
  WHERE h.status = 'active' AND h.deleted_at IS NULL AND (SELECT n FROM locked) >= 0 AND h.expires_at <= clock_timestamp() AND h.id = ANY(ARRAY(
    SELECT a.id FROM jsonb_to_recordset(p_expire::jsonb) AS k(resource_id text, date text, slot text) CROSS JOIN LATERAL (
      SELECT id FROM booking_hold
      WHERE resource_id = k.resource_id AND date = k.date AND slot = k.slot AND status = 'active'
        AND deleted_at IS NULL AND expires_at <= (SELECT clock_timestamp())
      OFFSET 0
    ) a
  ))
  RETURNING h.id, h.resource_id, h.date, h.slot, h.quantity
), restored AS (
  UPDATE booking_capacity c SET available_capacity = c.available_capacity + s.qty, updated_at = now()
  FROM (SELECT resource_id, date, slot, sum(quantity)::int AS qty FROM moved GROUP BY 1, 2, 3) s
  WHERE c.resource_id = s.resource_id AND c.date = s.date AND c.slot = s.slot AND c.deleted_at IS NULL
  RETURNING c.id
)
SELECT id FROM moved LOOP
    v_expired := v_expired || to_jsonb(v_row.id);
  END LOOP;
  SELECT unchanged INTO v_unchanged FROM (
SELECT NOT EXISTS (
  (SELECT id, status::text, quantity, line_item_id FROM booking_hold
   WHERE cart_id = p_cart AND status IN ('active', 'confirmed') AND deleted_at IS NULL
   EXCEPT SELECT id, status, quantity, line_item_id FROM jsonb_to_recordset(p_expected::jsonb) AS e(id text, status text, quantity int, line_item_id text))
  UNION ALL
  (SELECT id, status, quantity, line_item_id FROM jsonb_to_recordset(p_expected::jsonb) AS e(id text, status text, quantity int, line_item_id text)
   EXCEPT SELECT id, status::text, quantity, line_item_id FROM booking_hold
   WHERE cart_id = p_cart AND status IN ('active', 'confirmed') AND deleted_at IS NULL)
) AS unchanged) x;
  IF NOT v_unchanged THEN
    RETURN jsonb_build_object('stale', true, 'expired', v_expired);
  END IF;
  FOR v_row IN 
WITH moved AS (
  UPDATE booking_hold h SET status = 'released', released_at = now(), updated_at = now()
  WHERE h.status = 'active' AND h.deleted_at IS NULL AND h.expires_at > clock_timestamp() AND h.id IN (SELECT jsonb_array_elements_text(p_release::jsonb))
  RETURNING h.id, h.resource_id, h.date, h.slot, h.quantity
), restored AS (
  UPDATE booking_capacity c SET available_capacity = c.available_capacity + s.qty, updated_at = now()
  FROM (SELECT resource_id, date, slot, sum(quantity)::int AS qty FROM moved GROUP BY 1, 2, 3) s
  WHERE c.resource_id = s.resource_id AND c.date = s.date AND c.slot = s.slot AND c.deleted_at IS NULL
  RETURNING c.id
)
SELECT id FROM moved LOOP v_changed := v_changed || to_jsonb(v_row.id); END LOOP;
  IF jsonb_array_length(p_items::jsonb) > 0 THEN
    FOR v_row IN 
  WITH 
  p AS (
    SELECT p_cart::text AS cart_id, p_ttl::int AS ttl, p_default_ttl::int AS default_ttl, p_default_max_hold::int AS default_max_hold,
      p_capped::boolean AS capped, p_max_per_cart::int AS max_per_cart, p_zone::text AS default_zone, p_use_cutoff::boolean AS use_cutoff
  ), items AS (
    SELECT * FROM jsonb_to_recordset(p_items::jsonb)
      AS i(id text, resource_id text, date text, slot text, quantity int, ord int, line_item_id text,
        order_id text, order_change_id text)
  ), found AS (
    SELECT n.resource_id, n.date, n.slot, n.need, r.id IS NOT NULL AS resource_found, r.title, r.is_active,
      r.slots, r.slot_ok, c.id IS NOT NULL AS capacity_found, c.id AS capacity_id, c.available_capacity,
      n.date < to_char(clock_timestamp() AT TIME ZONE coalesce(r.time_zone, p.default_zone), 'YYYY-MM-DD') AS past,
      coalesce(r.time_zone, p.default_zone) AS zone,
      CASE WHEN p.use_cutoff THEN r.cutoff_minutes END AS cutoff_minutes,
      ((CASE WHEN n.slot = '' THEN n.date::date::timestamp ELSE (n.date || ' ' || n.slot)::timestamp END) AT TIME ZONE coalesce(r.time_zone, p.default_zone)) AS starts_at,
      NOT (n.slot = '' OR to_char(((CASE WHEN n.slot = '' THEN n.date::date::timestamp ELSE (n.date || ' ' || n.slot)::timestamp END) AT TIME ZONE coalesce(r.time_zone, p.default_zone)) AT TIME ZONE coalesce(r.time_zone, p.default_zone), 'HH24:MI') = n.slot) AS nonexistent,
      clock_timestamp() >= ((CASE WHEN n.slot = '' THEN (n.date::date + 1)::timestamp AT TIME ZONE coalesce(r.time_zone, p.default_zone) ELSE ((CASE WHEN n.slot = '' THEN n.date::date::timestamp ELSE (n.date || ' ' || n.slot)::timestamp END) AT TIME ZONE coalesce(r.time_zone, p.default_zone)) END) - make_interval(mins => coalesce(CASE WHEN p.use_cutoff THEN r.cutoff_minutes END, 0))) AS closed,
      clock_timestamp() + make_interval(mins => coalesce(p.ttl, r.hold_ttl_minutes, p.default_ttl)) AS ttl_expiry,
      coalesce(r.max_hold_minutes, p.default_max_hold) AS max_hold,
      CASE WHEN p.capped AND p.cart_id IS NOT NULL THEN coalesce((
        SELECT min(h.created_at) FROM booking_hold h
        WHERE h.cart_id = p.cart_id AND h.resource_id = n.resource_id AND h.date = n.date AND h.slot = n.slot
          AND h.deleted_at IS NULL -- the cart index's predicate: without it, a scan of every hold ever made
      ), clock_timestamp()) + make_interval(mins => coalesce(r.max_hold_minutes, p.default_max_hold)) END AS cap_expiry
    FROM p CROSS JOIN (
      SELECT resource_id, date, coalesce(slot, '') AS slot, sum(quantity)::int AS need FROM items GROUP BY 1, 2, 3
    ) n
    
  LEFT JOIN LATERAL (
    SELECT id, title, is_active, hold_ttl_minutes, max_hold_minutes, slots, time_zone, cutoff_minutes,
      CASE WHEN cardinality(slots) = 0 THEN n.slot = '' ELSE n.slot = ANY(slots) END AS slot_ok
    FROM booking_resource
    WHERE id = n.resource_id AND deleted_at IS NULL LIMIT 1
  ) r ON true
  LEFT JOIN LATERAL (
    SELECT id, available_capacity, max_capacity FROM booking_capacity
    WHERE resource_id = n.resource_id AND date = n.date AND slot = n.slot AND deleted_at IS NULL LIMIT 1
  ) c ON true
  ), cart_total AS (
    SELECT p.max_per_cart, (SELECT sum(quantity) FROM items)::int AS asked, (
      SELECT coalesce(sum(quantity), 0) FROM booking_hold
      WHERE cart_id = p.cart_id AND status = 'active' AND deleted_at IS NULL AND expires_at > clock_timestamp()
    )::int AS held
    FROM p WHERE p.cart_id IS NOT NULL AND p.max_per_cart IS NOT NULL
  ), short AS (
    SELECT 1 FROM found
    WHERE is_active IS NOT TRUE OR slot_ok IS NOT TRUE OR available_capacity IS NULL OR available_capacity < need
      OR past OR nonexistent OR closed OR cap_expiry <= clock_timestamp()
    UNION ALL
    SELECT 1 FROM cart_total WHERE held + asked > max_per_cart
    LIMIT 1
  ), dec AS (
    UPDATE booking_capacity c
    SET available_capacity = c.available_capacity - (SELECT f.need FROM found f WHERE f.capacity_id = c.id),
      updated_at = now()
    WHERE NOT EXISTS (SELECT 1 FROM short) AND c.id = ANY(ARRAY(SELECT capacity_id FROM found))
    RETURNING c.id
  )
  INSERT INTO booking_hold (id, resource_id, date, slot, quantity, status, expires_at, cart_id, customer_id,
    metadata, line_item_id, order_id, order_change_id, created_at, updated_at)
  SELECT i.id, i.resource_id, i.date, coalesce(i.slot, ''), i.quantity, 'active',
    least(f.ttl_expiry, coalesce(f.cap_expiry, f.ttl_expiry)),
    p.cart_id, p_customer::text, p_metadata::jsonb, i.line_item_id, i.order_id, i.order_change_id, now(), now()
  FROM items i
  JOIN found f ON f.resource_id = i.resource_id AND f.date = i.date AND f.slot = coalesce(i.slot, '')
  CROSS JOIN p
  WHERE NOT EXISTS (SELECT 1 FROM short)
  ORDER BY i.ord
  RETURNING * LOOP
      v_created := v_created || to_jsonb(v_row);
    END LOOP;
    IF jsonb_array_length(v_created) <> jsonb_array_length(p_items::jsonb) THEN
      SELECT coalesce(jsonb_agg(to_jsonb(x)), '[]'::jsonb) INTO v_refusal
      FROM (
  WITH 
  p AS (
    SELECT p_cart::text AS cart_id, p_ttl::int AS ttl, p_default_ttl::int AS default_ttl, p_default_max_hold::int AS default_max_hold,
      p_capped::boolean AS capped, p_max_per_cart::int AS max_per_cart, p_zone::text AS default_zone, p_use_cutoff::boolean AS use_cutoff
  ), items AS (
    SELECT * FROM jsonb_to_recordset(p_items::jsonb)
      AS i(id text, resource_id text, date text, slot text, quantity int, ord int, line_item_id text,
        order_id text, order_change_id text)
  ), found AS (
    SELECT n.resource_id, n.date, n.slot, n.need, r.id IS NOT NULL AS resource_found, r.title, r.is_active,
      r.slots, r.slot_ok, c.id IS NOT NULL AS capacity_found, c.id AS capacity_id, c.available_capacity,
      n.date < to_char(clock_timestamp() AT TIME ZONE coalesce(r.time_zone, p.default_zone), 'YYYY-MM-DD') AS past,
      coalesce(r.time_zone, p.default_zone) AS zone,
      CASE WHEN p.use_cutoff THEN r.cutoff_minutes END AS cutoff_minutes,
      ((CASE WHEN n.slot = '' THEN n.date::date::timestamp ELSE (n.date || ' ' || n.slot)::timestamp END) AT TIME ZONE coalesce(r.time_zone, p.default_zone)) AS starts_at,
      NOT (n.slot = '' OR to_char(((CASE WHEN n.slot = '' THEN n.date::date::timestamp ELSE (n.date || ' ' || n.slot)::timestamp END) AT TIME ZONE coalesce(r.time_zone, p.default_zone)) AT TIME ZONE coalesce(r.time_zone, p.default_zone), 'HH24:MI') = n.slot) AS nonexistent,
      clock_timestamp() >= ((CASE WHEN n.slot = '' THEN (n.date::date + 1)::timestamp AT TIME ZONE coalesce(r.time_zone, p.default_zone) ELSE ((CASE WHEN n.slot = '' THEN n.date::date::timestamp ELSE (n.date || ' ' || n.slot)::timestamp END) AT TIME ZONE coalesce(r.time_zone, p.default_zone)) END) - make_interval(mins => coalesce(CASE WHEN p.use_cutoff THEN r.cutoff_minutes END, 0))) AS closed,
      clock_timestamp() + make_interval(mins => coalesce(p.ttl, r.hold_ttl_minutes, p.default_ttl)) AS ttl_expiry,
      coalesce(r.max_hold_minutes, p.default_max_hold) AS max_hold,
      CASE WHEN p.capped AND p.cart_id IS NOT NULL THEN coalesce((
        SELECT min(h.created_at) FROM booking_hold h
        WHERE h.cart_id = p.cart_id AND h.resource_id = n.resource_id AND h.date = n.date AND h.slot = n.slot
          AND h.deleted_at IS NULL -- the cart index's predicate: without it, a scan of every hold ever made
      ), clock_timestamp()) + make_interval(mins => coalesce(r.max_hold_minutes, p.default_max_hold)) END AS cap_expiry
    FROM p CROSS JOIN (
      SELECT resource_id, date, coalesce(slot, '') AS slot, sum(quantity)::int AS need FROM items GROUP BY 1, 2, 3
    ) n
    
  LEFT JOIN LATERAL (
    SELECT id, title, is_active, hold_ttl_minutes, max_hold_minutes, slots, time_zone, cutoff_minutes,
      CASE WHEN cardinality(slots) = 0 THEN n.slot = '' ELSE n.slot = ANY(slots) END AS slot_ok
    FROM booking_resource
    WHERE id = n.resource_id AND deleted_at IS NULL LIMIT 1
  ) r ON true
  LEFT JOIN LATERAL (
    SELECT id, available_capacity, max_capacity FROM booking_capacity
    WHERE resource_id = n.resource_id AND date = n.date AND slot = n.slot AND deleted_at IS NULL LIMIT 1
  ) c ON true
  ), cart_total AS (
    SELECT p.max_per_cart, (SELECT sum(quantity) FROM items)::int AS asked, (
      SELECT coalesce(sum(quantity), 0) FROM booking_hold
      WHERE cart_id = p.cart_id AND status = 'active' AND deleted_at IS NULL AND expires_at > clock_timestamp()
    )::int AS held
    FROM p WHERE p.cart_id IS NOT NULL AND p.max_per_cart IS NOT NULL
  )
  SELECT f.*, cap_expiry <= clock_timestamp() AS cap_reached, (SELECT row_to_json(t) FROM cart_total t) AS cart
  FROM found f
  ORDER BY f.resource_id, f.date, f.slot) x;
      RAISE EXCEPTION USING ERRCODE = 'RB001', MESSAGE = 'resource_booking: the holds could not be taken', DETAIL = v_refusal::text;
    END IF;
  END IF;
  FOR v_row IN 
UPDATE booking_hold h SET line_item_id = b.line_item_id, updated_at = now()
FROM jsonb_to_recordset(p_bind::jsonb) AS b(id text, line_item_id text)
WHERE h.id = b.id AND h.status = 'active' AND h.deleted_at IS NULL
RETURNING h.id LOOP END LOOP;
  v_holds := '[]'::jsonb;
  IF p_confirm THEN
    SELECT coalesce(jsonb_agg(x.id), '[]'::jsonb) INTO v_covering FROM (
SELECT id, resource_id, date, slot, quantity, status, line_item_id, order_id, created_at,
  expires_at <= clock_timestamp() AS overdue
FROM booking_hold
WHERE cart_id = p_cart AND deleted_at IS NULL
ORDER BY created_at DESC, id DESC) x
    WHERE x.status = 'active' AND x.line_item_id IS NOT NULL;
    FOR v_row IN 
UPDATE booking_hold SET status = 'confirmed', confirmed_at = now(), updated_at = now(),
  order_id = coalesce(p_order::text, order_id)
WHERE status = 'active' AND expires_at > clock_timestamp() AND deleted_at IS NULL
  AND id IN (SELECT jsonb_array_elements_text(v_covering::text::jsonb))
RETURNING id LOOP v_holds := v_holds || to_jsonb(v_row.id); END LOOP;
    IF jsonb_array_length(v_holds) <> jsonb_array_length(v_covering) THEN
      SELECT coalesce(jsonb_agg(to_jsonb(x)), '[]'::jsonb) INTO v_holds FROM (
SELECT * FROM booking_hold
WHERE deleted_at IS NULL AND id IN (SELECT jsonb_array_elements_text(v_covering::text::jsonb))) x;
    SELECT value INTO v_refusal FROM jsonb_array_elements(v_holds) WHERE value ->> 'status' <> 'confirmed' LIMIT 1;
    IF v_refusal IS NOT NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'RB002', MESSAGE = 'resource_booking: a hold lapsed during checkout', DETAIL = v_refusal::text;
    END IF;
    END IF;
  END IF;
  RETURN jsonb_build_object('expired', v_expired, 'released', v_changed, 'created', v_created, 'confirmed', v_holds);
END
$function$;`)
  }
}
