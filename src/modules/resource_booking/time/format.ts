import { DateTime } from "luxon"

/** An instant as ISO 8601 in `zone`, with that zone's offset then ("2027-03-28T09:00:00+02:00"). */
export function localIso(instant: Date | string, zone: string): string {
  const at = instant instanceof Date ? instant : new Date(instant)
  return DateTime.fromJSDate(at, { zone }).toISO({ suppressMilliseconds: true })!
}
