// Local time, by PostgreSQL's own time-zone rules (AT TIME ZONE and its
// tz database), never by hand: a day and a slot label are local to their
// resource's zone, and "now" is the database's clock (clock_timestamp()).
import { T_RESOURCE } from "../models/tables"

/** The zone of resource row `r`: its own, else `fallback` (an expression holding the plugin's timeZone). */
export const zoneOf = (r: string, fallback: string) => `coalesce(${r}.time_zone, ${fallback})`

/** Today in `zone`, by the database's clock at this moment. */
export const localToday = (zone: string) => `to_char(clock_timestamp() AT TIME ZONE ${zone}, 'YYYY-MM-DD')`

/**
 * The earliest "today" anywhere (UTC−12): what global figures read "from
 * today on" with (health, the audit, unpaid orders), so no resource's today
 * is left out; a day more in some zones is harmless there.
 */
export const TODAY_ANYWHERE = localToday(`'Etc/GMT+12'`)

/**
 * When a key (`date`, `slot` expressions; slot '' for the whole day) in
 * `zone` starts, when its sale ends (a slot at its start, a whole day at
 * its end, `cutoff` minutes earlier), and whether its start exists: on the
 * spring change a skipped local time (02:30) maps to another hour, and that
 * slot is not sold. A time that occurs twice (the autumn change) is one
 * start, PostgreSQL's choice, so it is sold once.
 */
export function saleWindow(date: string, slot: string, zone: string, cutoff: string) {
  const startsAt = `((CASE WHEN ${slot} = '' THEN ${date}::date::timestamp ELSE (${date} || ' ' || ${slot})::timestamp END) AT TIME ZONE ${zone})`
  const endsAt = `(CASE WHEN ${slot} = '' THEN (${date}::date + 1)::timestamp AT TIME ZONE ${zone} ELSE ${startsAt} END)`
  return {
    startsAt,
    salesEnd: `(${endsAt} - make_interval(mins => coalesce(${cutoff}, 0)))`,
    exists: `(${slot} = '' OR to_char(${startsAt} AT TIME ZONE ${zone}, 'HH24:MI') = ${slot})`,
  }
}

const KEY_WINDOW = saleWindow("k.date", "k.slot", "z.zone", "CASE WHEN p.use_cutoff THEN r.cutoff_minutes END")

/**
 * The keys among `[{ resource_id, date, slot }]` whose sale is closed now,
 * and why: "past" (the day is before the resource's today), "nonexistent"
 * (a start the clocks skip), "closed" (started, or past its cut-off).
 * Parameters: the keys, the plugin's timeZone, whether cut-offs apply.
 */
export const CLOSED_SALES = `
WITH p AS (SELECT ?::jsonb AS keys, ?::text AS zone, ?::boolean AS use_cutoff),
k AS (SELECT DISTINCT k.* FROM p, jsonb_to_recordset(p.keys) AS k(resource_id text, date text, slot text))
SELECT k.resource_id, k.date, k.slot, z.zone, CASE WHEN p.use_cutoff THEN r.cutoff_minutes END AS cutoff_minutes,
  ${KEY_WINDOW.startsAt} AS starts_at,
  CASE WHEN k.date < ${localToday("z.zone")} THEN 'past'
       WHEN NOT ${KEY_WINDOW.exists} THEN 'nonexistent'
       WHEN clock_timestamp() >= ${KEY_WINDOW.salesEnd} THEN 'closed' END AS reason
FROM k CROSS JOIN p
JOIN ${T_RESOURCE} r ON r.id = k.resource_id
CROSS JOIN LATERAL (SELECT coalesce(r.time_zone, p.zone) AS zone) z`
