import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { DateTime } from "luxon"
import type ResourceBookingModuleService from "../../src/modules/resource_booking/service"
import { moduleRunnerConfig } from "../helpers/module"
import { connectEachTest, invariantViolations } from "../helpers/db"

jest.setTimeout(300_000)

let seq = 0
/** Today and the days after it in `zone`, by this machine's clock (the database's runs on the same). */
const localDay = (zone: string, plus = 0) => DateTime.now().setZone(zone).plus({ days: plus }).toISODate()!
const weekday = (date: string) => DateTime.fromISO(date).weekday

// Weekly schedules written out as capacity, exceptions set by hand, the daily
// top-up, and local time: a resource's zone, its today, cut-offs, and the
// daylight-saving days (docs/design.md §12).
moduleIntegrationTestRunner<ResourceBookingModuleService>({
  ...moduleRunnerConfig,
  testSuite: ({ service, dbConfig }) => {
    describe("schedules and local time", () => {
      // A connection per test, and the invariant checked on every key after each.
      const conn = connectEachTest(dbConfig.clientUrl)

      const resource = (extra: Record<string, unknown> = {}) =>
        service.createResources({ title: `Fjord ${++seq}`, handle: `fjord-${seq}-${Date.now()}`, ...extra } as any)

      async function days(resourceId: string) {
        const { rows } = await conn().query(
          `SELECT date, slot, max_capacity AS max, available_capacity AS available, is_exception AS exception
           FROM booking_capacity WHERE resource_id = $1 AND deleted_at IS NULL ORDER BY date, slot`,
          [resourceId]
        )
        return rows as { date: string; slot: string; max: number; available: number; exception: boolean }[]
      }

      describe("weekly schedules", () => {
        it("writes Tuesday to Sunday at 09:00 and 14:00 to the horizon, the season's rule winning, and leaves a day set by hand alone", async () => {
          const r = await resource({ slots: ["09:00", "14:00"], booking_horizon_days: 21 })
          const today = await service.today()
          const closed = localDay("UTC", 3)
          await service.setCapacity(r.id, { from: closed, to: closed, max_capacity: 0 })
          const season = { from: localDay("UTC", 7), until: localDay("UTC", 13) }
          const result = await service.setSchedule(r.id, {
            rules: [
              { weekdays: [2, 3, 4, 5, 6, 7], capacity: 8 },
              // High season: the 14:00 departure takes 12 (the later rule wins).
              { weekdays: [2, 3, 4, 5, 6, 7], slots: ["14:00"], capacity: 12, valid_from: season.from, valid_until: season.until },
            ],
          })
          expect(result).toMatchObject({ expanded_until: localDay("UTC", 20), uncut: [] })

          const expected: { date: string; slot: string; max: number; exception: boolean }[] = []
          for (let i = 0; i < 21; i++) {
            const date = localDay("UTC", i)
            if (date === closed) {
              expected.push(...["09:00", "14:00"].map((slot) => ({ date, slot, max: 0, exception: true })))
            } else if (weekday(date) !== 1) {
              const high = date >= season.from && date <= season.until
              expected.push({ date, slot: "09:00", max: 8, exception: false }, { date, slot: "14:00", max: high ? 12 : 8, exception: false })
            }
          }
          expect((await days(r.id)).map(({ available: _a, ...d }) => d)).toEqual(expected)
          expect(today).toBe(localDay("UTC"))
          const stored = await service.retrieveResource(r.id, { select: ["id", "schedule", "schedule_expanded_until"] })
          expect(stored.schedule).toEqual({
            rules: [
              { weekdays: [2, 3, 4, 5, 6, 7], capacity: 8, valid_from: null, valid_until: null },
              { weekdays: [2, 3, 4, 5, 6, 7], slots: ["14:00"], capacity: 12, valid_from: season.from, valid_until: season.until },
            ],
          })
        })

        it("never cuts a day below what its holds use: it keeps that and is listed; a day the schedule drops goes unless booked", async () => {
          const r = await resource({ booking_horizon_days: 10 })
          await service.setSchedule(r.id, { rules: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], capacity: 6 }] })
          const [a, b] = [localDay("UTC", 2), localDay("UTC", 3)]
          await service.placeHolds([{ resource_id: r.id, date: a, quantity: 5 }])
          await service.placeHolds([{ resource_id: r.id, date: b, quantity: 1 }])

          // Down to 2 a day, and no more days after tomorrow but the booked ones.
          const down = await service.setSchedule(r.id, {
            rules: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], capacity: 2, valid_until: localDay("UTC", 1) }],
          })
          expect(down.uncut).toEqual([
            { date: a, slot: "", used: 5, capacity: 0 },
            { date: b, slot: "", used: 1, capacity: 0 },
          ])
          expect(await days(r.id)).toEqual([
            { date: localDay("UTC"), slot: "", max: 2, available: 2, exception: false },
            { date: localDay("UTC", 1), slot: "", max: 2, available: 2, exception: false },
            { date: a, slot: "", max: 5, available: 0, exception: false },
            { date: b, slot: "", max: 1, available: 0, exception: false },
          ])
          // Removing the schedule leaves only what is booked.
          const gone = await service.setSchedule(r.id, { rules: [] })
          expect(gone).toMatchObject({ schedule: null, expanded_until: null })
          expect((await days(r.id)).map((d) => d.date)).toEqual([a, b])
          expect(await invariantViolations(conn())).toEqual([])
        })

        it("gives a day set by hand back to the schedule, and refuses a rule it cannot read, changing nothing", async () => {
          const r = await resource({ slots: ["10:00"], booking_horizon_days: 5 })
          const d = localDay("UTC", 2)
          await service.setCapacity(r.id, { from: d, to: d, max_capacity: 1 })
          await service.setSchedule(r.id, { rules: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], capacity: 4 }] })
          expect((await days(r.id)).find((x) => x.date === d)).toMatchObject({ max: 1, exception: true })
          const back = await service.followSchedule(r.id, { from: d, to: d })
          expect(back.days).toEqual([{ date: d, slot: "10:00" }])
          expect((await days(r.id)).find((x) => x.date === d)).toMatchObject({ max: 4, exception: false })

          const before = await days(r.id)
          const bad: [unknown, RegExp][] = [
            [[{ weekdays: [8], capacity: 1 }], /rules\[0\]\.weekdays\[0\] must be a whole number from 1 to 7/],
            [[{ weekdays: [1], slots: ["11:00"], capacity: 1 }], /rules\[0\]\.slots: the resource is not sold at 11:00 \(its slots: 10:00\)/],
            [[{ weekdays: [1], capacity: -1 }], /rules\[0\]\.capacity must be a whole number from 0/],
            [[{ weekdays: [1], capacity: 1, valid_from: "2027-05-01", valid_until: "2027-04-01" }], /valid_from 2027-05-01 is after valid_until 2027-04-01/],
            [[{ weekdays: [1], capacity: 1, every: "week" }], /unknown field\(s\) every/],
            ["tuesdays", /rules must be a list/],
          ]
          for (const [rules, message] of bad) {
            await expect(service.setSchedule(r.id, { rules: rules as any })).rejects.toThrow(message)
          }
          expect(await days(r.id)).toEqual(before)
          // A slot the schedule names cannot be dropped from the resource.
          await service.setSchedule(r.id, { rules: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], slots: ["10:00"], capacity: 4 }] })
          await expect(service.updateResources({ id: r.id, slots: ["11:00"] })).rejects.toThrow(/its weekly schedule sells 10:00; change the schedule first/)
        })

        it("the daily top-up writes on to the horizon as the days go by, and a store's exceptions beyond it still sell", async () => {
          const r = await resource({ booking_horizon_days: 10 })
          await service.setSchedule(r.id, { rules: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], capacity: 3 }] })
          const far = localDay("UTC", 40)
          await service.setCapacity(r.id, { from: far, to: far, max_capacity: 2 })
          // Time travel: the schedule was written five days ago, so its last five days are missing.
          await conn().query(`UPDATE booking_resource SET schedule_expanded_until = $2 WHERE id = $1`, [r.id, localDay("UTC", 4)])
          await conn().query(`UPDATE booking_capacity SET deleted_at = now() WHERE resource_id = $1 AND date > $2 AND NOT is_exception`, [
            r.id,
            localDay("UTC", 4),
          ])
          expect((await days(r.id)).map((d) => d.date)).toEqual([...Array.from({ length: 5 }, (_, i) => localDay("UTC", i)), far])

          expect(await service.topUpSchedules()).toEqual({ resources: 1, written: 5 })
          expect((await days(r.id)).map((d) => [d.date, d.max])).toEqual([...Array.from({ length: 10 }, (_, i) => [localDay("UTC", i), 3]), [far, 2]])
          // Up to date: nothing to do.
          expect(await service.topUpSchedules()).toEqual({ resources: 0, written: 0 })
          const [hold] = await service.placeHolds([{ resource_id: r.id, date: far, quantity: 2 }])
          expect(hold.status).toBe("active")
        })
      })

      describe("local time", () => {
        it("judges today in the resource's zone: either side of UTC's midnight, yesterday there is refused and today sells", async () => {
          // UTC+14 and UTC−11: at every hour one of them is on another date than UTC.
          for (const zone of ["Pacific/Kiritimati", "Pacific/Pago_Pago"]) {
            const r = await resource({ time_zone: zone })
            const [yesterday, today, tomorrow] = [localDay(zone, -1), localDay(zone), localDay(zone, 1)]
            await service.setCapacity(r.id, { from: yesterday, to: tomorrow, max_capacity: 3 })
            expect(await service.today(zone)).toBe(today)
            await expect(service.placeHolds([{ resource_id: r.id, date: yesterday, quantity: 1 }])).rejects.toThrow(/that day has passed/)
            const [held] = await service.placeHolds([{ resource_id: r.id, date: today, quantity: 1 }])
            expect(held.date).toBe(today)
            const availability = await service.getAvailability(r.id, { from: yesterday, to: tomorrow })
            expect(availability.map((a) => [a.date, a.bookable])).toEqual([
              [today, true],
              [tomorrow, true],
            ])
            // A whole day starts at its local midnight, with the zone's offset.
            expect(availability[1].starts_at).toBe(DateTime.fromISO(tomorrow, { zone }).toISO({ suppressMilliseconds: true }))
          }
          await expect(resource({ time_zone: "Mars/Olympus" })).rejects.toThrow(/time_zone must be an IANA time zone name/)
        })

        it("stops selling a slot cutoff_minutes before it starts, on the storefront's paths; an operator may book until the start", async () => {
          const now = DateTime.now().setZone("UTC")
          const soon = now.plus({ minutes: 30 }).startOf("minute")
          const later = now.plus({ minutes: 150 }).startOf("minute")
          const slots = [...new Set([soon.toFormat("HH:mm"), later.toFormat("HH:mm")])].sort()
          const r = await resource({ slots, cutoff_minutes: 60 })
          for (const t of [soon, later]) {
            await service.setCapacity(r.id, { from: t.toISODate()!, to: t.toISODate()!, max_capacity: 4 })
          }
          const item = (t: DateTime) => ({ resource_id: r.id, date: t.toISODate()!, slot: t.toFormat("HH:mm"), quantity: 1 })
          await expect(service.placeHolds([item(soon)])).rejects.toThrow(/its sale closed 60 minutes before it starts \(cutoff_minutes; it starts .*\)/)
          expect((await service.placeHolds([item(later)]))[0].status).toBe("active")
          expect((await service.closedSales([item(soon), item(later)])).map((c) => [c.slot, c.reason])).toEqual([[soon.toFormat("HH:mm"), "closed"]])
          // An operator's booking (a draft, an order edit) may book until the start.
          expect((await service.placeHolds([item(soon)], { cutoff: false }))[0].status).toBe("active")
          const seen = await service.getAvailability(r.id, { from: soon.toISODate()!, to: later.toISODate()! })
          expect(seen.map((a) => [a.slot, a.bookable])).toEqual(
            expect.arrayContaining([
              [soon.toFormat("HH:mm"), false],
              [later.toFormat("HH:mm"), true],
            ])
          )
          // A whole day stops selling cutoff_minutes before it ends.
          const day = await resource({ cutoff_minutes: Math.ceil(now.endOf("day").diff(now, "minutes").minutes) + 5 })
          await service.setCapacity(day.id, { from: now.toISODate()!, to: now.plus({ days: 1 }).toISODate()!, max_capacity: 2 })
          await expect(service.placeHolds([{ resource_id: day.id, date: now.toISODate()!, quantity: 1 }])).rejects.toThrow(/closed .* minutes before it ends/)
          expect((await service.placeHolds([{ resource_id: day.id, date: now.plus({ days: 1 }).toISODate()!, quantity: 1 }]))[0].status).toBe("active")
        })

        it("daylight saving: a start the clocks skip is not sold, one that occurs twice is one departure (Copenhagen and Sydney)", async () => {
          const cases = [
            { zone: "Europe/Copenhagen", skipped: "2027-03-28", twice: "2027-10-31", offsets: ["+02:00", "+01:00"] },
            { zone: "Australia/Sydney", skipped: "2027-10-03", twice: "2027-04-04", offsets: ["+11:00", "+10:00"] },
          ]
          for (const c of cases) {
            const r = await resource({ time_zone: c.zone, slots: ["01:30", "02:30", "03:30"] })
            for (const d of [c.skipped, c.twice]) {
              await service.setCapacity(r.id, { from: d, to: d, max_capacity: 5 })
            }
            const at = (date: string, slot: string) => ({ resource_id: r.id, date, slot, quantity: 1 })
            await expect(service.placeHolds([at(c.skipped, "02:30")])).rejects.toThrow(`02:30 does not exist that day in ${c.zone}`)
            expect((await service.placeHolds([at(c.skipped, "03:30")]))[0].status).toBe("active")
            const spring = await service.getAvailability(r.id, { from: c.skipped, to: c.skipped })
            expect(spring.map((a) => [a.slot, a.bookable])).toEqual([
              ["01:30", true],
              ["02:30", false],
              ["03:30", true],
            ])
            expect(spring[2].starts_at).toBe(`${c.skipped}T03:30:00${c.offsets[0]}`)
            // 02:30 comes twice on the autumn change: one key, one start (the second, standard time).
            const autumn = await service.getAvailability(r.id, { from: c.twice, to: c.twice })
            expect(autumn.filter((a) => a.slot === "02:30").map((a) => a.starts_at)).toEqual([`${c.twice}T02:30:00${c.offsets[1]}`])
            await service.placeHolds([at(c.twice, "02:30"), at(c.twice, "02:30")])
            expect((await service.getAvailability(r.id, { from: c.twice, to: c.twice })).find((a) => a.slot === "02:30")!.available_capacity).toBe(3)
          }
          expect(await invariantViolations(conn())).toEqual([])
        })
      })
    })
  },
})
