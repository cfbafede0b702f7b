// Statements that move holds between statuses or change their expiry. Values
// are bound parameters; only table names and the fragments below are interpolated.
import { T_CAPACITY, T_HOLD, T_RESOURCE } from "../../models/tables"

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

/** Undoes an extension: moves an active hold's expiry back, never later. */
export const SHORTEN_HOLD = `
UPDATE ${T_HOLD} SET expires_at = ?::timestamptz, updated_at = now()
WHERE id = ? AND status = 'active' AND deleted_at IS NULL AND expires_at > ?::timestamptz
RETURNING id`
