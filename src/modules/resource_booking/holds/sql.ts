// Statements on holds: placing them, moving them between statuses, and the
// cart's. Values are bound parameters; only table names and the fragments
// below are interpolated.
import { localToday, saleWindow } from "../time/sql"
import { T_CAPACITY, T_HOLD, T_RESOURCE } from "../models/tables"

/**
 * Moves the matching holds (active ones unless `from` says otherwise) to `status` and gives their quantity back to
 * capacity in the same statement. `where` selects holds of alias `h`.
 */
export const restoringTransition = (
  status: "expired" | "released" | "canceled",
  stamp: string,
  where: string,
  before = "",
  from: "active" | "confirmed" = "active"
) => `
WITH ${before}moved AS (
  UPDATE ${T_HOLD} h SET status = '${status}', ${stamp} = now(), updated_at = now()
  WHERE h.status = '${from}' AND h.deleted_at IS NULL AND ${where}
  RETURNING h.id, h.resource_id, h.date, h.slot, h.quantity
), restored AS (
  UPDATE ${T_CAPACITY} c SET available_capacity = c.available_capacity + s.qty, updated_at = now()
  FROM (SELECT resource_id, date, slot, sum(quantity)::int AS qty FROM moved GROUP BY 1, 2, 3) s
  WHERE c.resource_id = s.resource_id AND c.date = s.date AND c.slot = s.slot AND c.deleted_at IS NULL
  RETURNING c.id
)
SELECT id FROM moved`

/** active → released (someone gave it back), giving the quantity back. */
export const RELEASE_HOLDS = restoringTransition(
  "released",
  "released_at",
  `h.expires_at > clock_timestamp() AND h.id IN (SELECT jsonb_array_elements_text(?::jsonb))`
)

/** confirmed → canceled (the order was canceled), giving the quantity back. */
export const CANCEL_HOLDS = restoringTransition(
  "canceled",
  "canceled_at",
  `h.id IN (SELECT jsonb_array_elements_text(?::jsonb))`,
  "",
  "confirmed"
)

/** An order's confirmed holds and their keys, to lock before canceling them. */
export const CONFIRMED_HOLD_KEYS_FOR_ORDER = `
SELECT id, resource_id, date, slot FROM ${T_HOLD}
WHERE order_id = ? AND status = 'confirmed' AND deleted_at IS NULL`

/**
 * Every hold of a cart, newest first: what the cart sync plans from. Through
 * the cart_id index; `overdue` is judged by the database's clock.
 */
export const CART_HOLDS = `
SELECT id, resource_id, date, slot, quantity, status, line_item_id, order_id, created_at,
  expires_at <= clock_timestamp() AS overdue
FROM ${T_HOLD}
WHERE cart_id = ? AND deleted_at IS NULL
ORDER BY created_at DESC, id DESC`

/** Whether a cart has any active hold: lets a cart without bookings skip the sync. */
export const CART_HAS_ACTIVE_HOLD = `
SELECT EXISTS (
  SELECT 1 FROM ${T_HOLD} WHERE cart_id = ? AND status = 'active' AND deleted_at IS NULL
) AS found`

/** Ties active holds (made through the holds API) to the line item they now cover. */
export const BIND_HOLDS = `
UPDATE ${T_HOLD} h SET line_item_id = b.line_item_id, updated_at = now()
FROM jsonb_to_recordset(?::jsonb) AS b(id text, line_item_id text)
WHERE h.id = b.id AND h.status = 'active' AND h.deleted_at IS NULL
RETURNING h.id`

export const CONFIRM_HOLDS = `
UPDATE ${T_HOLD} SET status = 'confirmed', confirmed_at = now(), updated_at = now(),
  order_id = coalesce(?::text, order_id)
WHERE status = 'active' AND expires_at > clock_timestamp() AND deleted_at IS NULL
  AND id IN (SELECT jsonb_array_elements_text(?::jsonb))
RETURNING id`

/**
 * confirmed → active, the undo of a checkout that failed after it confirmed
 * them (docs/design.md §1.2): only holds no order has claimed. Capacity is
 * unchanged (both statuses use it); the expiry is the one they had.
 */
export const UNCONFIRM_HOLDS = `
UPDATE ${T_HOLD} SET status = 'active', confirmed_at = NULL, updated_at = now()
WHERE status = 'confirmed' AND order_id IS NULL AND deleted_at IS NULL
  AND id IN (SELECT jsonb_array_elements_text(?::jsonb))
RETURNING id`

/** The order a checkout placed, written on the holds it confirmed: `[{ cart_id, order_id }]`. */
export const BIND_ORDER_HOLDS = `
UPDATE ${T_HOLD} h SET order_id = b.order_id, updated_at = now()
FROM jsonb_to_recordset(?::jsonb) AS b(cart_id text, order_id text)
WHERE h.cart_id = b.cart_id AND h.status = 'confirmed' AND h.order_id IS NULL AND h.deleted_at IS NULL
RETURNING h.id`

/** Carts whose checkout confirmed holds that no order has claimed yet (the order.placed subscriber's backlog). */
export const UNBOUND_CHECKOUT_CARTS = `
SELECT DISTINCT cart_id FROM ${T_HOLD}
WHERE status = 'confirmed' AND order_id IS NULL AND cart_id IS NOT NULL AND deleted_at IS NULL
LIMIT ?`

/**
 * The latest a cart's hold may expire: `max_hold` minutes after the first
 * hold the cart took on its key (null for a hold of no cart). Parameters:
 * the default cap, the hold.
 */
const CAP_OF_HOLD = `(
  SELECT min(o.created_at) + make_interval(mins => coalesce(r.max_hold_minutes, ?::int))
  FROM ${T_HOLD} o JOIN ${T_RESOURCE} r ON r.id = o.resource_id
  WHERE o.cart_id = h.cart_id AND o.resource_id = h.resource_id AND o.date = h.date AND o.slot = h.slot
    AND o.deleted_at IS NULL -- the predicate of the cart index (IDX_booking_hold_cart_id): the cart's rows only
  GROUP BY r.max_hold_minutes
)`

/** Moves an active, unexpired hold's expiry later, never past its cap. Parameters: minutes, the hold, minutes, the default cap. */
export const EXTEND_HOLD = `
UPDATE ${T_HOLD} h SET expires_at = h.expires_at + make_interval(mins => ?::int), updated_at = now()
WHERE h.id = ? AND h.status = 'active' AND h.expires_at > clock_timestamp() AND h.deleted_at IS NULL
  AND (h.cart_id IS NULL OR h.expires_at + make_interval(mins => ?::int) <= ${CAP_OF_HOLD})
RETURNING *`

/** A hold's cap and the cap's length, to word a refused extension. Parameters: the default cap twice, the hold. */
export const HOLD_CAP = `
SELECT ${CAP_OF_HOLD} AS cap, coalesce((SELECT max_hold_minutes FROM ${T_RESOURCE} WHERE id = h.resource_id), ?::int) AS max_hold
FROM ${T_HOLD} h WHERE h.id = ?`

export const HOLD_KEYS_BY_IDS = `
SELECT id, resource_id, date, slot FROM ${T_HOLD}
WHERE deleted_at IS NULL AND id IN (SELECT jsonb_array_elements_text(?::jsonb))`

export const HOLDS_BY_IDS = `
SELECT * FROM ${T_HOLD}
WHERE deleted_at IS NULL AND id IN (SELECT jsonb_array_elements_text(?::jsonb))`

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

/** Undoes an extension: moves an active hold's expiry back, never later. */
export const SHORTEN_HOLD = `
UPDATE ${T_HOLD} SET expires_at = ?::timestamptz, updated_at = now()
WHERE id = ? AND status = 'active' AND deleted_at IS NULL AND expires_at > ?::timestamptz
RETURNING id`

/** An order's live holds (active or confirmed), oldest first: what its bookings are made of. */
export const ORDER_HOLDS = `
SELECT id, resource_id, date, slot, quantity, status, line_item_id, order_change_id
FROM ${T_HOLD}
WHERE order_id = ? AND status IN ('active', 'confirmed') AND deleted_at IS NULL
ORDER BY created_at, id`

/**
 * Splits `quantity` off a live hold into a new hold of the same status, key,
 * cart, line, order and change (the metadata names the hold it came from):
 * the part given back by a shrinking booking then moves on its own, and
 * every unit's story stays in the table. Capacity is unchanged (both parts
 * use it). Parameters: quantity, hold id, quantity, new id, quantity.
 */
export const SPLIT_HOLD = `
WITH src AS (
  UPDATE ${T_HOLD} SET quantity = quantity - ?::int, updated_at = now()
  WHERE id = ? AND status IN ('active', 'confirmed') AND quantity > ?::int AND deleted_at IS NULL
  RETURNING *
)
INSERT INTO ${T_HOLD} (id, resource_id, date, slot, quantity, status, expires_at, cart_id, customer_id,
  line_item_id, order_id, order_change_id, confirmed_at, metadata, created_at, updated_at)
SELECT ?, resource_id, date, slot, ?::int, status, expires_at, cart_id, customer_id,
  line_item_id, order_id, order_change_id, confirmed_at,
  coalesce(metadata, '{}'::jsonb) || jsonb_build_object('split_from', id), now(), now()
FROM src
RETURNING id`

/** Links a reschedule's holds: `[{ id, link }]`, each link merged into the hold's metadata. */
export const LINK_HOLDS = `
UPDATE ${T_HOLD} h SET metadata = coalesce(h.metadata, '{}'::jsonb) || l.link, updated_at = now()
FROM jsonb_to_recordset(?::jsonb) AS l(id text, link jsonb)
WHERE h.id = l.id
RETURNING h.id`

/**
 * Whether a cart's live holds are exactly those a sync planned from:
 * `[{ id, status, quantity, line_item_id }]` of its active and confirmed
 * holds. Parameters: the cart, the expected rows twice, the cart.
 */
export const CART_HOLDS_UNCHANGED = `
SELECT NOT EXISTS (
  (SELECT id, status::text, quantity, line_item_id FROM ${T_HOLD}
   WHERE cart_id = ? AND status IN ('active', 'confirmed') AND deleted_at IS NULL
   EXCEPT SELECT id, status, quantity, line_item_id FROM jsonb_to_recordset(?::jsonb) AS e(id text, status text, quantity int, line_item_id text))
  UNION ALL
  (SELECT id, status, quantity, line_item_id FROM jsonb_to_recordset(?::jsonb) AS e(id text, status text, quantity int, line_item_id text)
   EXCEPT SELECT id, status::text, quantity, line_item_id FROM ${T_HOLD}
   WHERE cart_id = ? AND status IN ('active', 'confirmed') AND deleted_at IS NULL)
) AS unchanged`

// The calls of the module's functions (holds/functions.ts), one statement each.

/** Parameters: unshared, the locks' three, the request's nine (as HOLD_REQUEST's), customer, metadata. */
export const PLACE_HOLDS_CALL = `
SELECT resource_booking_place_holds(?::boolean, ?::text, ?::text, ?::text,
  ?::text, ?::int, ?::int, ?::int, ?::boolean, ?::int, ?::text, ?::boolean, ?::text, ?::text, ?::text) AS result`

/** Parameters: unshared, the locks' three, kind, ids, order, minutes, cap, until. */
export const MOVE_HOLDS_CALL = `
SELECT resource_booking_move_holds(?::boolean, ?::text, ?::text, ?::text,
  ?::text, ?::text, ?::text, ?::int, ?::int, ?::text) AS result`

/** Parameters: unshared, the locks' three, expected, release, the request's nine, customer, metadata, bind, confirm, order. */
export const SYNC_CART_HOLDS_CALL = `
SELECT resource_booking_sync_cart_holds(?::boolean, ?::text, ?::text, ?::text, ?::text, ?::text,
  ?::text, ?::int, ?::int, ?::int, ?::boolean, ?::int, ?::text, ?::boolean, ?::text, ?::text, ?::text,
  ?::text, ?::boolean, ?::text) AS result`
