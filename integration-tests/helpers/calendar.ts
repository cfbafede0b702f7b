// eslint-disable-next-line @typescript-eslint/no-require-imports
const ICAL = require("ical.js")

/**
 * A calendar file read back with ical.js, the library that made it: its
 * method, its zones, and each event's UID, SEQUENCE, status and start (an
 * ISO instant, or the date of an all-day event).
 */
export function readCalendar(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text))
  for (const zone of cal.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone)
  }
  return {
    method: cal.getFirstPropertyValue("method") as string,
    zones: cal.getAllSubcomponents("vtimezone").map((z: any) => z.getFirstPropertyValue("tzid") as string).sort(),
    events: cal.getAllSubcomponents("vevent").map((v: any) => {
      const e = new ICAL.Event(v)
      return {
        uid: e.uid as string,
        sequence: e.sequence as number,
        status: v.getFirstPropertyValue("status") as string,
        allDay: !!e.startDate.isDate,
        start: (e.startDate.isDate ? e.startDate.toString() : e.startDate.toJSDate().toISOString()) as string,
        // An all-day event's end date (exclusive: a stay's check-out day).
        end: (e.endDate && e.endDate.isDate ? e.endDate.toString() : null) as string | null,
      }
    }),
  }
}
