import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import type ResourceBookingModuleService from "../../src/modules/resource_booking/service"
import { moduleRunnerConfig } from "../helpers/module"
import { available, connect, day, expireInDb, holdStatuses, invariantViolations } from "../helpers/db"
import { resourceWithCapacity } from "../helpers/fixtures"

jest.setTimeout(300_000)

moduleIntegrationTestRunner<ResourceBookingModuleService>({
  ...moduleRunnerConfig,
  testSuite: ({ service, dbConfig }) => {
    const D1 = day(5)
    const D2 = day(6)

    /**
     * The seed's scenario: capacity 10 on two dates; 3 active holds within
     * TTL, 5 active holds past TTL, 1 confirmed hold past its expires_at.
     */
    async function seedScenario() {
      const r = await resourceWithCapacity(service, [D1, D2], 10)
      const one = (date: string) => ({ resource_id: r.id, date, quantity: 1 })
      const fresh = await service.placeHolds([one(D1), one(D1), one(D2)])
      const stale = await service.placeHolds([one(D1), one(D1), one(D1), one(D2), one(D2)])
      const [confirmed] = await service.placeHolds([one(D1)])
      await service.confirmHolds([confirmed.id], { order_id: "order_1" })
      const db = await connect(dbConfig.clientUrl)
      await expireInDb(db, [...stale.map((h) => h.id), confirmed.id])
      return { r, fresh, stale, confirmed, db }
    }

    it("the seed's scenario: expires the 5 overdue holds, keeps the rest, restores 5", async () => {
      const { r, fresh, stale, confirmed, db } = await seedScenario()
      try {
        // D1: 10 - 2 fresh - 3 stale - 1 confirmed; D2: 10 - 1 fresh - 2 stale.
        expect(await available(db, r.id, D1)).toBe(4)
        expect(await available(db, r.id, D2)).toBe(7)

        const result = await service.cleanupExpiredHolds({ trigger: "manual" })
        expect(result).toMatchObject({
          expired_count: 5,
          capacity_restored: 5,
          dry_run: false,
          error: null,
          batches: 1,
        })
        expect(result.expired_ids.sort()).toEqual(stale.map((h) => h.id).sort())

        const statuses = await holdStatuses(db, [...fresh, ...stale, confirmed].map((h) => h.id))
        expect(Object.values(statuses).filter((s) => s === "expired")).toHaveLength(5)
        expect(fresh.every((h) => statuses[h.id] === "active")).toBe(true)
        expect(statuses[confirmed.id]).toBe("confirmed")
        expect(await available(db, r.id, D1)).toBe(7)
        expect(await available(db, r.id, D2)).toBe(9)
        expect(await invariantViolations(db)).toEqual([])

        const again = await service.cleanupExpiredHolds()
        expect(again).toMatchObject({ expired_count: 0, capacity_restored: 0, batches: 0 })

        const { rows } = await db.query(
          `SELECT trigger, dry_run, expired_count, capacity_restored, finished_at IS NOT NULL AS finished
           FROM booking_cleanup_run ORDER BY started_at`
        )
        expect(rows).toEqual([
          { trigger: "manual", dry_run: false, expired_count: 5, capacity_restored: 5, finished: true },
          { trigger: "manual", dry_run: false, expired_count: 0, capacity_restored: 0, finished: true },
        ])
      } finally {
        await db.end()
      }
    })

    it("the seed's scenario on one date: available 1 before the sweep, 6 after", async () => {
      const r = await resourceWithCapacity(service, [D1], 10)
      const one = { resource_id: r.id, date: D1, quantity: 1 }
      await service.placeHolds([one, one, one])
      const stale = await service.placeHolds([one, one, one, one, one])
      const [confirmed] = await service.placeHolds([one])
      await service.confirmHolds([confirmed.id])
      const db = await connect(dbConfig.clientUrl)
      try {
        await expireInDb(db, [...stale.map((h) => h.id), confirmed.id])
        expect(await available(db, r.id, D1)).toBe(1)
        const result = await service.cleanupExpiredHolds()
        expect(result).toMatchObject({ expired_count: 5, capacity_restored: 5 })
        expect(await available(db, r.id, D1)).toBe(6)
        expect(await holdStatuses(db, [confirmed.id])).toEqual({ [confirmed.id]: "confirmed" })
        expect((await service.cleanupExpiredHolds()).expired_count).toBe(0)
      } finally {
        await db.end()
      }
    })

    it("dry run counts what it would do and changes nothing but its run record", async () => {
      const { r, db } = await seedScenario()
      try {
        const result = await service.cleanupExpiredHolds({ dryRun: true, batchSize: 2 })
        expect(result).toMatchObject({
          expired_count: 5,
          capacity_restored: 5,
          batches: 3,
          dry_run: true,
          expired_ids: [],
        })
        expect(await available(db, r.id, D1)).toBe(4)
        const { rows } = await db.query(
          `SELECT count(*)::int AS n FROM booking_hold WHERE status = 'expired'`
        )
        expect(rows[0].n).toBe(0)
        const runs = await db.query(`SELECT dry_run, expired_count FROM booking_cleanup_run`)
        expect(runs.rows).toEqual([{ dry_run: true, expired_count: 5 }])
      } finally {
        await db.end()
      }
    })

    it("small batches loop until nothing is left", async () => {
      const { db } = await seedScenario()
      try {
        const result = await service.cleanupExpiredHolds({ batchSize: 2, trigger: "schedule" })
        expect(result).toMatchObject({ expired_count: 5, capacity_restored: 5, batches: 3 })
        expect(await invariantViolations(db)).toEqual([])
      } finally {
        await db.end()
      }
    })

    it("a failing batch is recorded and keeps the work of earlier batches", async () => {
      const { r, db } = await seedScenario()
      try {
        // Make the second batch fail: a trigger that raises once some holds are expired.
        await db.query(`
          CREATE FUNCTION fail_second_batch() RETURNS trigger AS $$
          BEGIN
            IF (SELECT count(*) FROM booking_hold WHERE status = 'expired') >= 2 THEN
              RAISE EXCEPTION 'disk on fire';
            END IF;
            RETURN NEW;
          END $$ LANGUAGE plpgsql;
          CREATE TRIGGER fail_second_batch BEFORE UPDATE ON booking_hold
            FOR EACH ROW WHEN (NEW.status = 'expired') EXECUTE FUNCTION fail_second_batch();`)
        const result = await service.cleanupExpiredHolds({ batchSize: 2 })
        expect(result).toMatchObject({ expired_count: 2, capacity_restored: 2, batches: 1 })
        expect(result.error).toBe("disk on fire")
        const { rows } = await db.query(
          `SELECT expired_count, error, finished_at IS NOT NULL AS finished FROM booking_cleanup_run`
        )
        expect(rows).toEqual([
          { expired_count: 2, error: "disk on fire", finished: true },
        ])
        expect(await invariantViolations(db)).toEqual([])
        await db.query(`DROP TRIGGER fail_second_batch ON booking_hold`)
        const rest = await service.cleanupExpiredHolds()
        expect(rest).toMatchObject({ expired_count: 3, capacity_restored: 3, error: null })
        expect(await available(db, r.id, D1)).toBe(7)
      } finally {
        await db.end()
      }
    })

    it("four concurrent sweepers over 10,000 expired holds expire each exactly once", async () => {
      const dates = Array.from({ length: 10 }, (_, i) => day(10 + i))
      const resources = [] as { id: string }[]
      for (let i = 0; i < 10; i++) {
        const r = await service.createResources({ title: `Room ${i}`, handle: `room-${i}` })
        await service.setCapacity(r.id, { from: dates[0], to: dates[9], max_capacity: 200 })
        resources.push(r)
      }
      // 100 calls of 100 items: 100 holds on each of the 100 keys.
      const ids: string[] = []
      for (const r of resources) {
        for (const date of dates) {
          const holds = await service.placeHolds(
            Array.from({ length: 100 }, () => ({ resource_id: r.id, date, quantity: 1 }))
          )
          ids.push(...holds.map((h) => h.id))
        }
      }
      // And some holds that must stay untouched.
      const keep = await service.placeHolds(
        resources.map((r) => ({ resource_id: r.id, date: dates[0], quantity: 2 }))
      )
      const db = await connect(dbConfig.clientUrl)
      try {
        await expireInDb(db, ids)
        const results = await Promise.all(
          Array.from({ length: 4 }, () => service.cleanupExpiredHolds({ batchSize: 500 }))
        )
        expect(results.every((r) => r.error === null)).toBe(true)
        const total = results.reduce((n, r) => n + r.expired_count, 0)
        const restored = results.reduce((n, r) => n + r.capacity_restored, 0)
        expect(total).toBe(10_000)
        expect(restored).toBe(10_000)
        const allIds = results.flatMap((r) => r.expired_ids)
        expect(new Set(allIds).size).toBe(10_000)

        const { rows } = await db.query(
          `SELECT status, count(*)::int AS n FROM booking_hold GROUP BY status ORDER BY status`
        )
        expect(rows).toEqual([
          { status: "active", n: 10 },
          { status: "expired", n: 10_000 },
        ])
        expect(await holdStatuses(db, [keep[0].id])).toEqual({ [keep[0].id]: "active" })
        expect(await invariantViolations(db)).toEqual([])
        expect(await available(db, resources[0].id, dates[0])).toBe(198)
        expect(await available(db, resources[0].id, dates[5])).toBe(200)
      } finally {
        await db.end()
      }
    })

    it("sweeps racing with placeHolds on the same keys never overbook or deadlock", async () => {
      const r = await resourceWithCapacity(service, [D1, D2], 50)
      const one = (date: string) => ({ resource_id: r.id, date, quantity: 1 })
      const stale = await service.placeHolds([
        ...Array.from({ length: 25 }, () => one(D1)),
        ...Array.from({ length: 25 }, () => one(D2)),
      ])
      const db = await connect(dbConfig.clientUrl)
      try {
        await expireInDb(db, stale.map((h) => h.id))
        const creators = Array.from({ length: 60 }, (_, i) =>
          service.placeHolds([one(i % 2 ? D1 : D2), one(i % 2 ? D2 : D1)]).then(
            () => "ok",
            (e) => e.type ?? e.message
          )
        )
        const sweeps = [1, 2, 3].map(() => service.cleanupExpiredHolds({ batchSize: 7 }))
        const outcomes = await Promise.all(creators)
        const runs = await Promise.all(sweeps)
        expect(runs.map((run) => run.error)).toEqual([null, null, null])
        // Refused by the service, never by a database error (a CHECK, a deadlock).
        expect(outcomes.filter((o) => o !== "ok" && o !== "not_allowed")).toEqual([])
        // 50 per day: every one of the 60 two-day requests competes for the same 50 units.
        expect(outcomes.filter((o) => o === "ok")).toHaveLength(50)
        const { rows } = await db.query(
          `SELECT count(*)::int AS n FROM booking_hold WHERE status = 'expired'`
        )
        expect(rows[0].n).toBe(50)
        expect(await invariantViolations(db)).toEqual([])
      } finally {
        await db.end()
      }
    })
  },
})
