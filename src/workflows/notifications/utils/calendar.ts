import type ICALModule from "ical.js" with { "resolution-mode": "import" }
import { tzlib_get_ical_block } from "timezones-ical-library"

/** One booking as a calendar event: local date and slot in its resource's zone. */
export type CalendarBooking = {
  /** Stable per booking across reschedules (the first hold's id). */
  uid: string
  /** Raised on each reschedule, so a calendar replaces the old entry. */
  sequence: number
  summary: string
  description: string
  date: string
  /** "HH:MM", or "" for a whole day. */
  slot: string
  /** A stay's check-out day (exclusive end): the event spans its nights. */
  end_date?: string
  time_zone: string
}

// ical.js ships a CommonJS build for require() (its package exports), and types for import only.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ical: typeof ICALModule = require("ical.js")

const plusDay = (date: string) => {
  const t = ical.Time.fromDateString(date)
  t.adjust(1, 0, 0, 0)
  return t
}

/**
 * An RFC 5545 calendar of `bookings`, made with ical.js: a VTIMEZONE per zone
 * (the IANA rules, from timezones-ical-library) and a VEVENT per booking
 * starting at its local time in that zone; a whole day is an all-day event,
 * a stay one all-day event from its first night to its check-out day.
 * `method` CANCEL marks the events cancelled (same UID, so calendars remove them).
 */
export function bookingCalendar(bookings: CalendarBooking[], method: "PUBLISH" | "CANCEL"): string {
  const cal = new ical.Component(["vcalendar", [], []])
  cal.updatePropertyWithValue("prodid", "-//medusa-resource-booking//bookings//EN")
  cal.updatePropertyWithValue("version", "2.0")
  cal.updatePropertyWithValue("calscale", "GREGORIAN")
  cal.updatePropertyWithValue("method", method)
  const zones = [...new Set(bookings.filter((b) => b.slot && b.time_zone !== "UTC").map((b) => b.time_zone))]
  for (const zone of zones) {
    const vtimezone = new ical.Component(ical.parse(tzlib_get_ical_block(zone)[0]))
    // The library names a zone by its canonical IANA entry (Copenhagen's rules are Berlin's): the event uses the resource's name.
    vtimezone.updatePropertyWithValue("tzid", zone)
    vtimezone.removeAllProperties("x-lic-location")
    cal.addSubcomponent(vtimezone)
  }
  const now = ical.Time.fromJSDate(new Date(), true)
  for (const b of bookings) {
    const event = new ical.Component("vevent")
    event.updatePropertyWithValue("uid", b.uid)
    event.updatePropertyWithValue("sequence", b.sequence)
    event.updatePropertyWithValue("dtstamp", now)
    event.updatePropertyWithValue("summary", b.summary)
    event.updatePropertyWithValue("description", b.description)
    if (b.slot) {
      if (b.time_zone === "UTC") {
        event.updatePropertyWithValue("dtstart", ical.Time.fromJSDate(new Date(`${b.date}T${b.slot}:00Z`), true))
      } else {
        event.updatePropertyWithValue("dtstart", ical.Time.fromDateTimeString(`${b.date}T${b.slot}:00`)).setParameter("tzid", b.time_zone)
      }
    } else {
      event.updatePropertyWithValue("dtstart", ical.Time.fromDateString(b.date))
      event.updatePropertyWithValue("dtend", b.end_date ? ical.Time.fromDateString(b.end_date) : plusDay(b.date))
    }
    event.updatePropertyWithValue("status", method === "CANCEL" ? "CANCELLED" : "CONFIRMED")
    cal.addSubcomponent(event)
  }
  return cal.toString()
}
