// Statements on a cart's holds: what the cart sync plans from and checks
// before it writes. Values are bound parameters; only table names are interpolated.
import { T_HOLD } from "../../models/tables"

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
