// The books audit: an order's booking lines against its confirmed holds. It
// reads Medusa's order tables ("order", order_item, order_line_item,
// order_cart) and the resource ↔ variant link beside the module's own, in
// the same database, as every default Medusa setup has them.
import { TODAY_ANYWHERE } from "../time/sql"
import { T_HOLD, T_VARIANT_LINK } from "../models/tables"
import { MAX_STAY_NIGHTS } from "../utils/limits"

/** Whether the tables the audit reads exist (a module-only database has none of Medusa's). */
export const AUDIT_READY = `
SELECT to_regclass('"order"') IS NOT NULL AND to_regclass('order_item') IS NOT NULL
  AND to_regclass('order_cart') IS NOT NULL AND to_regclass('${T_VARIANT_LINK}') IS NOT NULL AS ready`

/**
 * Per (order, resource, day, slot) where what the live order's booking lines
 * book (ordered minus returned, current order version) differs from what
 * its confirmed holds hold: both sides, the lines and the holds. A checkout's
 * holds count for their order through the cart until the order's id is
 * written on them. Parameters: grace seconds, the first day (null: today).
 */
export const AUDIT = `
WITH booked AS (
  SELECT o.id AS order_id, o.display_id, o.updated_at, oi.item_id AS line_item_id, li.title, k.resource_id,
    coalesce(oi.metadata, li.metadata) AS meta,
    (oi.quantity - oi.return_received_quantity - oi.return_dismissed_quantity)::int AS quantity
  FROM "order" o
  JOIN order_item oi ON oi.order_id = o.id AND oi.version = o.version AND oi.deleted_at IS NULL
  JOIN order_line_item li ON li.id = oi.item_id AND li.deleted_at IS NULL
  -- A line ordered before its variant began to book is no booking line.
  JOIN ${T_VARIANT_LINK} k ON k.product_variant_id = li.variant_id AND k.deleted_at IS NULL AND k.created_at <= li.created_at
  WHERE o.deleted_at IS NULL AND o.is_draft_order = false AND o.status NOT IN ('draft', 'canceled')
    AND o.canceled_at IS NULL
), lines AS (
  -- A stay books each night from booking_date up to booking_end_date (the
  -- workflows' bookedDays, the same rule); any other line its one day.
  SELECT b.order_id, b.display_id, b.updated_at, b.line_item_id, b.title, b.resource_id, n.date,
    coalesce(b.meta ->> 'booking_slot', '') AS slot, b.quantity
  FROM booked b
  -- Days read from metadata without a cast that could fail on a malformed one
  -- (2026-02-30 made by hand becomes 2026-03-02 and is then told apart).
  CROSS JOIN LATERAL (
    SELECT b.meta ->> 'booking_date' AS first, b.meta ->> 'booking_end_date' AS stop
  ) t
  CROSS JOIN LATERAL (
    SELECT
      CASE WHEN t.first ~ '^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'
        THEN make_date(substr(t.first, 1, 4)::int, substr(t.first, 6, 2)::int, 1) + (substr(t.first, 9, 2)::int - 1) END AS first_day,
      CASE WHEN t.stop ~ '^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'
        THEN make_date(substr(t.stop, 1, 4)::int, substr(t.stop, 6, 2)::int, 1) + (substr(t.stop, 9, 2)::int - 1) END AS stop_day
  ) u
  CROSS JOIN LATERAL (
    SELECT coalesce(to_char(u.first_day, 'YYYY-MM-DD') = t.first AND to_char(u.stop_day, 'YYYY-MM-DD') = t.stop
      AND u.stop_day > u.first_day AND u.stop_day - u.first_day <= ${MAX_STAY_NIGHTS}, false) AS dated
  ) s
  CROSS JOIN LATERAL (
    SELECT to_char(d, 'YYYY-MM-DD') AS date
    FROM generate_series(u.first_day, CASE WHEN s.dated THEN u.stop_day - 1 END, interval '1 day') d
    UNION ALL
    SELECT t.first WHERE NOT s.dated
  ) n
), need AS (
  SELECT order_id, resource_id, date, slot, sum(quantity)::int AS need, max(display_id) AS display_id,
    max(updated_at) AS changed_at,
    json_agg(json_build_object('line_item_id', line_item_id, 'title', title, 'quantity', quantity)
      ORDER BY line_item_id) AS lines
  FROM lines WHERE quantity > 0 GROUP BY 1, 2, 3, 4
), have AS (
  SELECT coalesce(h.order_id, oc.order_id) AS order_id, h.resource_id, h.date, h.slot,
    sum(h.quantity)::int AS have, max(h.updated_at) AS changed_at, json_agg(h.id ORDER BY h.id) AS hold_ids
  FROM ${T_HOLD} h
  LEFT JOIN order_cart oc ON h.order_id IS NULL AND oc.cart_id = h.cart_id AND oc.deleted_at IS NULL
  WHERE h.status = 'confirmed' AND h.deleted_at IS NULL
  GROUP BY 1, 2, 3, 4
)
SELECT coalesce(n.order_id, h.order_id) AS order_id, n.display_id,
  coalesce(n.resource_id, h.resource_id) AS resource_id, coalesce(n.date, h.date) AS date,
  coalesce(n.slot, h.slot) AS slot, coalesce(n.need, 0) AS need, coalesce(h.have, 0) AS have,
  coalesce(n.lines, '[]'::json) AS lines, coalesce(h.hold_ids, '[]'::json) AS hold_ids,
  o.id IS NULL AS order_missing, o.status AS order_status, o.is_draft_order,
  greatest(n.changed_at, h.changed_at) <= now() - make_interval(secs => ?::double precision) AS settled
FROM need n
FULL JOIN have h ON h.order_id IS NOT DISTINCT FROM n.order_id AND h.resource_id = n.resource_id
  AND h.date IS NOT DISTINCT FROM n.date AND h.slot = n.slot
LEFT JOIN "order" o ON o.id = coalesce(n.order_id, h.order_id)
WHERE coalesce(n.need, 0) <> coalesce(h.have, 0)
  AND (coalesce(n.date, h.date) IS NULL OR coalesce(n.date, h.date) >= coalesce(?::text, ${TODAY_ANYWHERE}))
ORDER BY coalesce(n.date, h.date), coalesce(n.order_id, h.order_id), coalesce(n.resource_id, h.resource_id)
LIMIT 1000`
