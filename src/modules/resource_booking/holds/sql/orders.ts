// Statements on an order's holds: binding them to the order, splitting and
// linking them. Values are bound parameters; only table names are interpolated.
import { T_HOLD } from "../../models/tables"

/** An order's confirmed holds and their keys, to lock before canceling them. */
export const CONFIRMED_HOLD_KEYS_FOR_ORDER = `
SELECT id, resource_id, date, slot FROM ${T_HOLD}
WHERE order_id = ? AND status = 'confirmed' AND deleted_at IS NULL`

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

/** Whether Medusa's order table is in this database (not in a module-only test database). */
export const ORDER_TABLE_READY = `SELECT to_regclass('"order"') IS NOT NULL AS ready`

/** Whether Medusa canceled the order; read under the order's lock. */
export const ORDER_CANCELED = `SELECT EXISTS (SELECT 1 FROM "order" WHERE id = ? AND (status = 'canceled' OR canceled_at IS NOT NULL)) AS canceled`
