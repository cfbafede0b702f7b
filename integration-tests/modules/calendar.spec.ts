import { DateTime } from "luxon"
import { bookingCalendar, type CalendarBooking } from "../../src/workflows/notifications/utils/calendar"
import { readCalendar as readBack } from "../helpers/calendar"

const booking = (over: Partial<CalendarBooking>): CalendarBooking => ({
  uid: "hold_1@medusa-resource-booking",
  sequence: 0,
  summary: "Fjord boat tour",
  description: "2 places, order #1",
  date: "2027-03-28",
  slot: "09:00",
  time_zone: "Europe/Copenhagen",
  ...over,
})

describe("booking calendar files (RFC 5545, made and read with ical.js)", () => {
  it("starts each booking at its local time in its zone, either side of UTC and across the daylight-saving changes", () => {
    const cases = [
      // Copenhagen's spring change is 2027-03-28: 09:00 is already summer time (+02:00).
      { date: "2027-03-27", slot: "09:00", time_zone: "Europe/Copenhagen" },
      { date: "2027-03-28", slot: "09:00", time_zone: "Europe/Copenhagen" },
      // Los Angeles changes on 2027-03-14 (−08:00 → −07:00).
      { date: "2027-03-13", slot: "18:30", time_zone: "America/Los_Angeles" },
      { date: "2027-03-14", slot: "18:30", time_zone: "America/Los_Angeles" },
      { date: "2027-01-10", slot: "07:15", time_zone: "UTC" },
    ]
    const text = bookingCalendar(cases.map((c, i) => booking({ ...c, uid: `hold_${i}@x` })), "PUBLISH")
    const back = readBack(text)
    expect(back.method).toBe("PUBLISH")
    expect(back.zones).toEqual(["America/Los_Angeles", "Europe/Copenhagen"])
    expect(back.events.map((e: any) => e.start)).toEqual(
      cases.map((c) => DateTime.fromISO(`${c.date}T${c.slot}`, { zone: c.time_zone }).toUTC().toISO())
    )
    expect(back.events.map((e: any) => e.start)).toEqual([
      "2027-03-27T08:00:00.000Z",
      "2027-03-28T07:00:00.000Z",
      "2027-03-14T02:30:00.000Z",
      "2027-03-15T01:30:00.000Z",
      "2027-01-10T07:15:00.000Z",
    ])
  })

  it("a whole day is an all-day event; a cancel keeps the UID and marks it cancelled; a reschedule raises SEQUENCE", () => {
    const day = readBack(bookingCalendar([booking({ slot: "", date: "2027-05-01" })], "PUBLISH"))
    expect(day.events).toEqual([{ uid: "hold_1@medusa-resource-booking", sequence: 0, status: "CONFIRMED", allDay: true, start: "2027-05-01", end: "2027-05-02" }])
    // A stay: one all-day event from its first night to its check-out day.
    const stay = readBack(bookingCalendar([booking({ slot: "", date: "2027-05-01", end_date: "2027-05-04" })], "PUBLISH"))
    expect(stay.events.map((e: any) => [e.allDay, e.start, e.end])).toEqual([[true, "2027-05-01", "2027-05-04"]])
    const canceled = readBack(bookingCalendar([booking({})], "CANCEL"))
    expect(canceled.method).toBe("CANCEL")
    expect(canceled.events[0]).toMatchObject({ uid: "hold_1@medusa-resource-booking", status: "CANCELLED" })
    const moved = readBack(bookingCalendar([booking({ sequence: 2, date: "2027-04-02" })], "PUBLISH"))
    expect(moved.events[0]).toMatchObject({ uid: "hold_1@medusa-resource-booking", sequence: 2, start: "2027-04-02T07:00:00.000Z" })
  })
})
