// The figures of the health report, in one round trip.
import { T_ALERT, T_CAPACITY, T_HOLD, T_RESOURCE, T_RUN } from "../models/tables"
import { TODAY_ANYWHERE } from "../time/sql"

export const HEALTH_FIGURES = `
SELECT now() AS now,
  (SELECT coalesce(json_object_agg(status, n), '{}'::json) FROM (
     SELECT status, count(*)::int AS n FROM ${T_HOLD} WHERE deleted_at IS NULL GROUP BY status) s
  ) AS holds,
  (SELECT count(*)::int FROM ${T_HOLD}
     WHERE status = 'active' AND expires_at <= now() AND deleted_at IS NULL) AS overdue,
  (SELECT count(*)::int FROM ${T_HOLD}
     WHERE status = 'active' AND expires_at <= now() - make_interval(secs => ?::double precision)
       AND deleted_at IS NULL) AS overdue_past_period,
  (SELECT min(expires_at) FROM ${T_HOLD}
     WHERE status = 'active' AND expires_at <= now() AND deleted_at IS NULL) AS oldest_overdue,
  -- The unpaid-order step's backlog (0 means off: the count is not taken).
  (SELECT count(DISTINCT order_id)::int FROM ${T_HOLD}
     WHERE ?::int > 0 AND status = 'confirmed' AND order_id IS NOT NULL AND payment_checked_at IS NULL
       AND deleted_at IS NULL AND date >= ${TODAY_ANYWHERE}
       AND confirmed_at <= now() - make_interval(mins => ?::int) - make_interval(secs => ?::double precision)
  ) AS orders_past_payment_timeout,
  (SELECT count(*)::int FROM ${T_RESOURCE} WHERE is_active AND deleted_at IS NULL) AS active_resources,
  (SELECT count(*)::int FROM ${T_CAPACITY} WHERE deleted_at IS NULL) AS capacity_records,
  (SELECT json_build_object('max', coalesce(sum(max_capacity), 0), 'available', coalesce(sum(available_capacity), 0))
     FROM ${T_CAPACITY}
     WHERE deleted_at IS NULL AND date >= ${TODAY_ANYWHERE}) AS upcoming,
  (SELECT row_to_json(r) FROM (SELECT * FROM ${T_RUN} ORDER BY started_at DESC LIMIT 1) r) AS last_run,
  -- The shell command, when a store runs it instead of the job, is its schedule.
  (SELECT max(started_at) FROM ${T_RUN} WHERE trigger IN ('schedule', 'cli')) AS last_scheduled_at`

/**
 * A compare-and-set on the last announced state: the row changes only when the
 * status differs, and ON CONFLICT's row lock makes the first run that sees a
 * change the only one that gets it back. A store starts "healthy".
 */
export const CHANGE_HEALTH_STATE = `
INSERT INTO ${T_ALERT} AS a (id, status, previous_status, message, changed_at, created_at, updated_at)
VALUES ('health', ?, 'healthy', ?, now(), now(), now())
ON CONFLICT (id) DO UPDATE SET previous_status = a.status, status = EXCLUDED.status,
  message = EXCLUDED.message, changed_at = now(), updated_at = now()
WHERE a.status <> EXCLUDED.status
RETURNING status, previous_status, message, changed_at`
