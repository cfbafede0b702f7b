// Placing holds: the request judged per key and the all-or-nothing insert.
// Values are bound parameters; only table names and the fragments below are
// interpolated.
import { localToday, saleWindow } from "../../time/sql"
import { T_CAPACITY, T_HOLD, T_RESOURCE } from "../../models/tables"

/**
 * For each (resource, date, slot) row `n`, its resource `r` and capacity `c`,
 * and whether the resource sells that slot (`slot_ok`: "" for a resource
 * without slots, one of its slots otherwise).
 *
 * Lookups are LATERAL ... LIMIT 1 (which the planner cannot flatten into a
 * hash or merge join) so each item is an index probe whatever the table's
 * statistics say: right after a bulk setCapacity, before autovacuum has
 * analyzed the table, a plain join scanned every capacity row
 * (integration-tests/modules/query-plans.spec.ts).
 */
const LOOKUPS = `
LEFT JOIN LATERAL (
  SELECT id, title, is_active, hold_ttl_minutes, max_hold_minutes, slots, time_zone, cutoff_minutes,
    CASE WHEN cardinality(slots) = 0 THEN n.slot = '' ELSE n.slot = ANY(slots) END AS slot_ok
  FROM ${T_RESOURCE}
  WHERE id = n.resource_id AND deleted_at IS NULL LIMIT 1
) r ON true
LEFT JOIN LATERAL (
  SELECT id, available_capacity, max_capacity FROM ${T_CAPACITY}
  WHERE resource_id = n.resource_id AND date = n.date AND slot = n.slot AND deleted_at IS NULL LIMIT 1
) c ON true`

/**
 * A request for holds, judged per (resource, date, slot) under the keys'
 * locks, in the clock of the moment: the resource and the capacity, whether
 * the day has passed (in the resource's zone) or its sale has closed (its
 * start, or its cut-off before it, or a start the clocks skip), the expiry the TTL gives, and, for a cart's holds
 * (`capped`), the cap on their life: `max_hold` minutes from the first hold
 * the cart ever took on that key, so releasing and taking again does not
 * reset it. `cart_total`: what the cart holds now and asks for more.
 * Parameters: cart id, TTL (or null), the default TTL, the default cap,
 * capped, the most a cart may hold (or null), the items.
 */
const WINDOW = saleWindow('n.date', 'n.slot', 'coalesce(r.time_zone, p.default_zone)', 'CASE WHEN p.use_cutoff THEN r.cutoff_minutes END')

const HOLD_REQUEST = `
p AS (
  SELECT ?::text AS cart_id, ?::int AS ttl, ?::int AS default_ttl, ?::int AS default_max_hold,
    ?::boolean AS capped, ?::int AS max_per_cart, ?::text AS default_zone, ?::boolean AS use_cutoff
), items AS (
  SELECT * FROM jsonb_to_recordset(?::jsonb)
    AS i(id text, resource_id text, date text, slot text, quantity int, ord int, line_item_id text,
      order_id text, order_change_id text)
), found AS (
  SELECT n.resource_id, n.date, n.slot, n.need, r.id IS NOT NULL AS resource_found, r.title, r.is_active,
    r.slots, r.slot_ok, c.id IS NOT NULL AS capacity_found, c.id AS capacity_id, c.available_capacity,
    n.date < ${localToday("coalesce(r.time_zone, p.default_zone)")} AS past,
    coalesce(r.time_zone, p.default_zone) AS zone,
    CASE WHEN p.use_cutoff THEN r.cutoff_minutes END AS cutoff_minutes,
    ${WINDOW.startsAt} AS starts_at,
    NOT ${WINDOW.exists} AS nonexistent,
    clock_timestamp() >= ${WINDOW.salesEnd} AS closed,
    clock_timestamp() + make_interval(mins => coalesce(p.ttl, r.hold_ttl_minutes, p.default_ttl)) AS ttl_expiry,
    coalesce(r.max_hold_minutes, p.default_max_hold) AS max_hold,
    CASE WHEN p.capped AND p.cart_id IS NOT NULL THEN coalesce((
      SELECT min(h.created_at) FROM ${T_HOLD} h
      WHERE h.cart_id = p.cart_id AND h.resource_id = n.resource_id AND h.date = n.date AND h.slot = n.slot
        AND h.deleted_at IS NULL -- the cart index's predicate: without it, a scan of every hold ever made
    ), clock_timestamp()) + make_interval(mins => coalesce(r.max_hold_minutes, p.default_max_hold)) END AS cap_expiry
  FROM p CROSS JOIN (
    SELECT resource_id, date, coalesce(slot, '') AS slot, sum(quantity)::int AS need FROM items GROUP BY 1, 2, 3
  ) n
  ${LOOKUPS}
), cart_total AS (
  SELECT p.max_per_cart, (SELECT sum(quantity) FROM items)::int AS asked, (
    SELECT coalesce(sum(quantity), 0) FROM ${T_HOLD}
    WHERE cart_id = p.cart_id AND status = 'active' AND deleted_at IS NULL AND expires_at > clock_timestamp()
  )::int AS held
  FROM p WHERE p.cart_id IS NOT NULL AND p.max_per_cart IS NOT NULL
)`

/**
 * What each requested key needs and has, after lazy expiry, with the cart's
 * totals: the explanation when INSERT_HOLDS refused. Parameters: as
 * HOLD_REQUEST's.
 */
export const CAPACITY_FOR_ITEMS = `
WITH ${HOLD_REQUEST}
SELECT f.*, cap_expiry <= clock_timestamp() AS cap_reached, (SELECT row_to_json(t) FROM cart_total t) AS cart
FROM found f
ORDER BY f.resource_id, f.date, f.slot`

/**
 * Checks, decrements capacity and inserts the holds in one statement, all or
 * nothing: when any item's resource is missing or inactive, or does not sell
 * its slot, or its day has passed or has no capacity or too little, or the
 * cart's cap on the key's life is reached, or the cart would hold more than
 * it may, nothing changes and no row comes back (the caller then asks
 * CAPACITY_FOR_ITEMS why, under the same locks). A hold expires after its
 * TTL (the caller's, else the resource's, else the plugin's), never after
 * its cap. An item may carry the line item, order and order change it books
 * for. The CHECK on capacity would refuse a negative result anyway.
 * Parameters: as HOLD_REQUEST's, then customer id and metadata.
 */
export const INSERT_HOLDS = `
WITH ${HOLD_REQUEST}, short AS (
  SELECT 1 FROM found
  WHERE is_active IS NOT TRUE OR slot_ok IS NOT TRUE OR available_capacity IS NULL OR available_capacity < need
    OR past OR nonexistent OR closed OR cap_expiry <= clock_timestamp()
  UNION ALL
  SELECT 1 FROM cart_total WHERE held + asked > max_per_cart
  LIMIT 1
), dec AS (
  UPDATE ${T_CAPACITY} c
  SET available_capacity = c.available_capacity - (SELECT f.need FROM found f WHERE f.capacity_id = c.id),
    updated_at = now()
  WHERE NOT EXISTS (SELECT 1 FROM short) AND c.id = ANY(ARRAY(SELECT capacity_id FROM found))
  RETURNING c.id
)
INSERT INTO ${T_HOLD} (id, resource_id, date, slot, quantity, status, expires_at, cart_id, customer_id,
  metadata, line_item_id, order_id, order_change_id, created_at, updated_at)
SELECT i.id, i.resource_id, i.date, coalesce(i.slot, ''), i.quantity, 'active',
  least(f.ttl_expiry, coalesce(f.cap_expiry, f.ttl_expiry)),
  p.cart_id, ?::text, ?::jsonb, i.line_item_id, i.order_id, i.order_change_id, now(), now()
FROM items i
JOIN found f ON f.resource_id = i.resource_id AND f.date = i.date AND f.slot = coalesce(i.slot, '')
CROSS JOIN p
WHERE NOT EXISTS (SELECT 1 FROM short)
ORDER BY i.ord
RETURNING *`
