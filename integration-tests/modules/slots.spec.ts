import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { MedusaError } from "@medusajs/framework/utils"
import type ResourceBookingModuleService from "../../src/modules/resource_booking/service"
import { lockKey } from "../../src/modules/resource_booking/locks"
import { moduleRunnerConfig } from "../helpers/module"
import { connectEachTest, day, expireInDb } from "../helpers/db"

jest.setTimeout(120_000)

const SLOTS = ["09:00", "14:00"]

// A resource sold by the slot: capacity, holds and locks per (resource, day,
// slot), and two slots of one day never share capacity.
moduleIntegrationTestRunner<ResourceBookingModuleService>({
  ...moduleRunnerConfig,
  testSuite: ({ service, dbConfig }) =>
    describe("time slots", () => {
      const conn = connectEachTest(dbConfig.clientUrl)

      let seq = 0
      async function tour(slots = SLOTS, max = 5) {
        const r = await service.createResources({ title: `Tour ${++seq}`, handle: `tour-${seq}`, slots })
        await service.setCapacity(r.id, { from: day(1), to: day(2), max_capacity: max })
        return r
      }
      const errorOf = (p: Promise<unknown>) => p.then(() => null, (e) => e)

      it("stores slots in time order and gives each (day, slot) its own capacity", async () => {
        const r = await service.createResources({ title: "Ferry", handle: "ferry", slots: ["14:00", "09:00"] })
        expect(r.slots).toEqual(SLOTS)
        const rows = await service.setCapacity(r.id, { from: day(1), to: day(2), max_capacity: 4 })
        expect(rows.map((c) => [c.date, c.slot, c.max_capacity])).toEqual([
          [day(1), "09:00", 4],
          [day(1), "14:00", 4],
          [day(2), "09:00", 4],
          [day(2), "14:00", 4],
        ])
        const only = await service.setCapacity(r.id, { from: day(2), to: day(2), max_capacity: 9, slots: ["14:00"] })
        expect(only.map((c) => [c.date, c.slot, c.max_capacity])).toEqual([[day(2), "14:00", 9]])
        const availability = await service.getAvailability(r.id, { from: day(2), to: day(2) })
        expect(availability).toMatchObject([
          { date: day(2), slot: "09:00", max_capacity: 4, available_capacity: 4 },
          { date: day(2), slot: "14:00", max_capacity: 9, available_capacity: 9 },
        ])
      })

      it("two slots of the same day never share capacity", async () => {
        const r = await tour()
        await service.placeHolds([{ resource_id: r.id, date: day(1), slot: "09:00", quantity: 5 }])
        const err = await errorOf(service.placeHolds([{ resource_id: r.id, date: day(1), slot: "09:00", quantity: 1 }]))
        expect(err.type).toBe(MedusaError.Types.NOT_ALLOWED)
        expect(err.message).toBe(
          `Not enough capacity for resource "${r.title}" (${r.id}) on ${day(1)} at 09:00: requested 1, available 0`
        )
        const [afternoon] = await service.placeHolds([{ resource_id: r.id, date: day(1), slot: "14:00", quantity: 5 }])
        expect(afternoon).toMatchObject({ slot: "14:00", quantity: 5, status: "active" })
        const availability = await service.getAvailability(r.id, { from: day(1), to: day(1) })
        expect(availability.map((a) => [a.slot, a.available_capacity])).toEqual([
          ["09:00", 0],
          ["14:00", 0],
        ])
      })

      it("refuses a missing or unknown slot, naming the valid ones, and a slot on a whole-day resource", async () => {
        const r = await tour()
        const whole = await tour([])
        const cases: [() => Promise<unknown>, string][] = [
          [
            () => service.placeHolds([{ resource_id: r.id, date: day(1), quantity: 1 }]),
            `Resource "${r.title}" (${r.id}) is booked by the slot; slot must be one of 09:00, 14:00`,
          ],
          [
            () => service.placeHolds([{ resource_id: r.id, date: day(1), slot: "10:00", quantity: 1 }]),
            `Resource "${r.title}" (${r.id}) has no slot "10:00"; slot must be one of 09:00, 14:00`,
          ],
          [
            () => service.placeHolds([{ resource_id: whole.id, date: day(1), slot: "09:00", quantity: 1 }]),
            `Resource "${whole.title}" (${whole.id}) is booked by the whole day and has no slots; slot must be left out, got "09:00"`,
          ],
          [
            () => service.placeHolds([{ resource_id: r.id, date: day(1), slot: "9:00", quantity: 1 }]),
            `items[0].slot must be a slot's start time as HH:MM (00:00 to 23:59), got "9:00"`,
          ],
          [
            () => service.setCapacity(r.id, { from: day(1), to: day(1), max_capacity: 3, slots: ["11:00"] }),
            `Resource "${r.title}" (${r.id}) has no slot "11:00"; slots must be one of 09:00, 14:00`,
          ],
        ]
        for (const [attempt, message] of cases) {
          const err = await errorOf(attempt())
          expect([err?.type, err?.message]).toEqual([MedusaError.Types.INVALID_DATA, message])
        }
        const { rows } = await conn().query(`SELECT count(*)::int AS n FROM booking_hold`)
        expect(rows[0].n).toBe(0)
      })

      it("refuses to drop a slot that is booked from today on, and drops a free one with its future capacity", async () => {
        const r = await tour()
        const [hold] = await service.placeHolds([{ resource_id: r.id, date: day(2), slot: "09:00", quantity: 2 }])
        const before = (await conn().query(`SELECT * FROM booking_capacity ORDER BY id`)).rows
        const err = await errorOf(service.updateResources({ id: r.id, slots: ["14:00"] }))
        expect(err.type).toBe(MedusaError.Types.NOT_ALLOWED)
        expect(err.message).toBe(
          `Cannot change the slots of resource "${r.title}" (${r.id}) to 14:00: active or confirmed holds use slot 09:00 on ${day(2)} (2 held); release or cancel them first`
        )
        expect((await conn().query(`SELECT * FROM booking_capacity ORDER BY id`)).rows).toEqual(before)
        expect((await service.retrieveResource(r.id)).slots).toEqual(SLOTS)

        await service.releaseHolds([hold.id])
        const [updated] = await service.updateResources([{ id: r.id, slots: ["14:00", "17:30"], title: "Afternoon tour" }])
        expect(updated).toMatchObject({ title: "Afternoon tour", slots: ["14:00", "17:30"] })
        const availability = await service.getAvailability(r.id, { from: day(1), to: day(2) })
        // 17:30 is sold but has no capacity yet; 09:00 is gone.
        expect(availability.map((a) => [a.date, a.slot])).toEqual([
          [day(1), "14:00"],
          [day(2), "14:00"],
        ])
        const err2 = await errorOf(service.placeHolds([{ resource_id: r.id, date: day(1), slot: "09:00", quantity: 1 }]))
        expect(err2.message).toContain(`has no slot "09:00"; slot must be one of 14:00, 17:30`)
      })

      it("updateResources changes slots and other fields all or nothing", async () => {
        const r = await tour()
        const other = await tour()
        const before = (await conn().query(`SELECT * FROM booking_capacity WHERE resource_id = $1 ORDER BY id`, [r.id])).rows
        // The slot change alone is allowed; the handle taken by another resource is not.
        const err = await errorOf(service.updateResources({ id: r.id, slots: ["14:00"], handle: other.handle }))
        expect(err).toBeTruthy()
        const kept = await service.retrieveResource(r.id)
        expect([kept.slots, kept.handle]).toEqual([SLOTS, r.handle])
        expect((await conn().query(`SELECT * FROM booking_capacity WHERE resource_id = $1 ORDER BY id`, [r.id])).rows).toEqual(before)

        const updated = await service.updateResources({ id: r.id, slots: ["14:00"], handle: `${r.handle}-pm` })
        expect(updated).toMatchObject({ slots: ["14:00"], handle: `${r.handle}-pm` })
      })

      it("a whole-day resource can move to slots when its days are free, and back", async () => {
        const r = await tour([])
        await service.setResourceSlots(r.id, SLOTS)
        expect(await service.getAvailability(r.id, { from: day(1), to: day(2) })).toEqual([])
        await service.setCapacity(r.id, { from: day(1), to: day(1), max_capacity: 2 })
        await service.placeHolds([{ resource_id: r.id, date: day(1), slot: "14:00", quantity: 1 }])
        await expect(service.setResourceSlots(r.id, [])).rejects.toThrow(
          `to none (whole days): active or confirmed holds use slot 14:00 on ${day(1)} (1 held)`
        )
      })

      it("the sweep and lazy expiry restore capacity to the slot the hold was in", async () => {
        const r = await tour(SLOTS, 3)
        const holds = await service.placeHolds([
          { resource_id: r.id, date: day(1), slot: "09:00", quantity: 2 },
          { resource_id: r.id, date: day(1), slot: "14:00", quantity: 3 },
        ])
        await expireInDb(conn(), holds.map((h) => h.id))
        const run = await service.cleanupExpiredHolds({ batchSize: 1 })
        expect([run.expired_count, run.capacity_restored]).toEqual([2, 5])
        const [again] = await service.placeHolds([{ resource_id: r.id, date: day(1), slot: "14:00", quantity: 3 }])
        await expireInDb(conn(), [again.id])
        // Lazy expiry on the same key frees it for the next hold before any sweep.
        const [next] = await service.placeHolds([{ resource_id: r.id, date: day(1), slot: "14:00", quantity: 3 }])
        expect(next.status).toBe("active")
        const availability = await service.getAvailability(r.id, { from: day(1), to: day(1) })
        expect(availability.map((a) => [a.slot, a.available_capacity])).toEqual([
          ["09:00", 3],
          ["14:00", 0],
        ])
      })

      it("40 concurrent holds on two slots of one day: exactly the capacity of each slot wins", async () => {
        const r = await tour(SLOTS, 5)
        const results = await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            service
              .placeHolds([{ resource_id: r.id, date: day(1), slot: SLOTS[i % 2], quantity: 1 }], { cart_id: `cart_${i}` })
              .then(
                ([h]) => h.slot,
                (e) => e.type
              )
          )
        )
        expect(results.filter((s) => s === "09:00")).toHaveLength(5)
        expect(results.filter((s) => s === "14:00")).toHaveLength(5)
        expect(results.filter((s) => s === MedusaError.Types.NOT_ALLOWED)).toHaveLength(30)
      })

      it("a whole-day key locks as it did before slots existed (rolling deploys share locks)", async () => {
        const { rows } = await conn().query(
          `SELECT ${lockKey("$1::text", "$2::text", "$3::text")} AS now,
                  ('x' || substr(md5($1::text || '|' || $2::text), 1, 16))::bit(64)::bigint AS before,
                  ${lockKey("$1::text", "$2::text", "$4::text")} AS slotted`,
          ["res_1", day(1), "", "09:00"]
        )
        expect(rows[0].now).toBe(rows[0].before)
        expect(rows[0].slotted).not.toBe(rows[0].before)
      })
    }),
})
