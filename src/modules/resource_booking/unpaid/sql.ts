// The unpaid-order step's bookkeeping (docs/design.md §2.7). The step itself
// lives with the workflows: canceling an order is Medusa's cancel workflow.
import { TODAY_ANYWHERE } from "../time/sql"
import { T_HOLD, T_RUN } from "../models/tables"

/**
 * Orders with confirmed bookings from today on that the step has not judged,
 * whose first such booking was confirmed more than the timeout ago, oldest
 * first. Past days are left alone: canceling them gives back nothing anyone
 * can buy, and a store that turns the option on does not cancel its history.
 */
export const UNJUDGED_ORDERS = `
SELECT order_id, min(confirmed_at) AS confirmed_at
FROM ${T_HOLD}
WHERE status = 'confirmed' AND order_id IS NOT NULL AND payment_checked_at IS NULL AND deleted_at IS NULL
  AND date >= ${TODAY_ANYWHERE}
GROUP BY order_id
HAVING min(confirmed_at) <= now() - make_interval(mins => ?::int)
ORDER BY min(confirmed_at), order_id
LIMIT ?`

/**
 * Judged: the step does not look at these orders' bookings again. updated_at
 * stays: it is the booking's last change, which the audit's settling reads.
 */
export const MARK_JUDGED = `
UPDATE ${T_HOLD} SET payment_checked_at = now()
WHERE order_id IN (SELECT jsonb_array_elements_text(?::jsonb))
  AND status = 'confirmed' AND payment_checked_at IS NULL AND deleted_at IS NULL`

/** The step's figures on its run's record; an error joins the sweep's, if any. */
export const RECORD_UNPAID = `
UPDATE ${T_RUN} SET unpaid_canceled = ?::int, error = nullif(concat_ws('; ', error, ?::text), ''), updated_at = now()
WHERE id = ?
RETURNING id`
