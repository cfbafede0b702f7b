import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { MedusaError } from "@medusajs/framework/utils"
import type ResourceBookingModuleService from "../../src/modules/resource_booking/service"
import { moduleRunnerConfig } from "../helpers/module"
import { available, connect, day, invariantViolations } from "../helpers/db"

moduleIntegrationTestRunner<ResourceBookingModuleService>({
  ...moduleRunnerConfig,
  testSuite: ({ service, dbConfig }) => {
    it("sets a date range, and changing max keeps what holds use", async () => {
      const r = await service.createResources({ title: "Kayak", handle: "kayak" })
      const rows = await service.setCapacity(r.id, { from: day(1), to: day(7), max_capacity: 4 })
      expect(rows.map((c) => [c.date, c.max_capacity, c.available_capacity])).toEqual(
        Array.from({ length: 7 }, (_, i) => [day(i + 1), 4, 4])
      )
      await service.placeHolds([{ resource_id: r.id, date: day(2), quantity: 3 }])
      const raised = await service.setCapacity(r.id, { from: day(2), to: day(3), max_capacity: 10 })
      expect(raised.map((c) => [c.date, c.max_capacity, c.available_capacity])).toEqual([
        [day(2), 10, 7],
        [day(3), 10, 10],
      ])
      const db = await connect(dbConfig.clientUrl)
      try {
        const { rows: count } = await db.query(`SELECT count(*)::int AS n FROM booking_capacity`)
        expect(count[0].n).toBe(7)
        expect(await invariantViolations(db)).toEqual([])
      } finally {
        await db.end()
      }
    })

    it("refuses to go below what active and confirmed holds use, changing nothing", async () => {
      const r = await service.createResources({ title: "Boat", handle: "boat" })
      await service.setCapacity(r.id, { from: day(1), to: day(3), max_capacity: 5 })
      const [a] = await service.placeHolds([{ resource_id: r.id, date: day(2), quantity: 3 }])
      await service.confirmHolds([a.id])
      await service.placeHolds([{ resource_id: r.id, date: day(2), quantity: 1 }])
      const err = await service
        .setCapacity(r.id, { from: day(1), to: day(3), max_capacity: 2 })
        .catch((e) => e)
      expect(err.type).toBe(MedusaError.Types.NOT_ALLOWED)
      expect(err.message).toBe(
        `Cannot set max_capacity of resource "Boat" (${r.id}) to 2: active and confirmed holds already use more on ${day(2)} (4 held)`
      )
      const db = await connect(dbConfig.clientUrl)
      try {
        expect(await available(db, r.id, day(1))).toBe(5)
        expect(await available(db, r.id, day(2))).toBe(1)
      } finally {
        await db.end()
      }
      // Exactly what is used is allowed.
      const ok = await service.setCapacity(r.id, { from: day(2), to: day(2), max_capacity: 4 })
      expect(ok[0]).toMatchObject({ max_capacity: 4, available_capacity: 0 })
    })

    it("rejects bad ranges and values with clear errors", async () => {
      const r = await service.createResources({ title: "Bike", handle: "bike" })
      const cases: [string, any, string, RegExp][] = [
        [r.id, { from: day(3), to: day(1), max_capacity: 1 }, "invalid_data", /from \(.*\) must not be after to/],
        [r.id, { from: "2026-13-01", to: day(1), max_capacity: 1 }, "invalid_data", /from must be a calendar day/],
        [r.id, { from: day(1), to: day(400), max_capacity: 1 }, "invalid_data", /longer than 366 days/],
        [r.id, { from: day(1), to: day(1), max_capacity: -1 }, "invalid_data", /max_capacity must be a whole number from 0/],
        [r.id, { from: day(1), to: day(1), max_capacity: "5" }, "invalid_data", /max_capacity must be a whole number/],
        ["res_missing", { from: day(1), to: day(1), max_capacity: 1 }, "not_found", /Resource with id "res_missing" was not found/],
      ]
      for (const [id, input, type, message] of cases) {
        const err = await service.setCapacity(id, input).catch((e) => e)
        expect({ type: err.type, message: err.message }).toEqual({
          type,
          message: expect.stringMatching(message),
        })
      }
      const [, count] = await service.listAndCountCapacities({})
      expect(count).toBe(0)
    })
  },
})
