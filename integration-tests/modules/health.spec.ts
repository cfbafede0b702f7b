import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import type ResourceBookingModuleService from "../../src/modules/resource_booking/service"
import { moduleRunnerConfig } from "../helpers/module"
import { connect, day, expireInDb } from "../helpers/db"

moduleIntegrationTestRunner<ResourceBookingModuleService>({
  ...moduleRunnerConfig,
  moduleOptions: { cleanupSchedule: "*/5 * * * *", slowCleanupMs: 5000 },
  testSuite: ({ service, dbConfig }) => {
    async function withDb<T>(fn: (db: Awaited<ReturnType<typeof connect>>) => Promise<T>) {
      const db = await connect(dbConfig.clientUrl)
      try {
        return await fn(db)
      } finally {
        await db.end()
      }
    }

    async function insertRun(db: any, minutesAgo: number, extra: Record<string, unknown> = {}) {
      const row = {
        trigger: "schedule",
        duration_ms: 12,
        expired_count: 0,
        capacity_restored: 0,
        error: null,
        finished: true,
        ...extra,
      }
      await db.query(
        `INSERT INTO booking_cleanup_run (id, started_at, finished_at, duration_ms, trigger, dry_run,
           expired_count, capacity_restored, batches, error)
         VALUES ('rbrun_' || md5(random()::text), now() - make_interval(mins => $1::int),
           CASE WHEN $7 THEN now() - make_interval(mins => $1::int) END, $2, $3, false, $4, $5, 1, $6)`,
        [minutesAgo, row.duration_ms, row.trigger, row.expired_count, row.capacity_restored, row.error, row.finished]
      )
    }

    it("is healthy, with counts and utilisation, when the job ran recently and nothing is overdue", async () => {
      const r = await service.createResources({ title: "Tour", handle: "tour" })
      await service.setCapacity(r.id, { from: day(1), to: day(2), max_capacity: 10 })
      const [a, b] = await service.placeHolds([
        { resource_id: r.id, date: day(1), quantity: 3 },
        { resource_id: r.id, date: day(2), quantity: 2 },
      ])
      await service.confirmHolds([a.id])
      await service.releaseHolds([b.id])
      const run = await service.cleanupExpiredHolds({ trigger: "schedule" })

      const health = await service.getHealth()
      expect(health).toMatchObject({
        status: "healthy",
        warnings: [],
        holds: { active: 0, confirmed: 1, released: 1, expired: 0, total: 2 },
        cleanup_job: {
          overdue_holds: 0,
          status: "ok",
          schedule: "*/5 * * * *",
          last_run: {
            id: run.run_id,
            trigger: "schedule",
            expired_count: 0,
            capacity_restored: 0,
            error: null,
          },
        },
        resources: { active_count: 1, total_capacity_records: 2 },
        capacity: { total_max: 20, total_available: 17, total_reserved: 3, utilization_percent: 15 },
      })
      const next = new Date(health.cleanup_job.next_run!)
      expect(next.getUTCMinutes() % 5).toBe(0)
      expect(+next).toBeGreaterThan(+new Date(health.timestamp))
    })

    it("says pending, not unhealthy, before the job's first run", async () => {
      const health = await service.getHealth()
      expect(health.status).toBe("healthy")
      expect(health.cleanup_job).toMatchObject({ status: "pending", last_run: null })
    })

    it("is degraded when holds are overdue by more than one period, and shows the last run's figures after a sweep", async () => {
      const r = await service.createResources({ title: "Tour", handle: "tour" })
      await service.setCapacity(r.id, { from: day(1), to: day(1), max_capacity: 10 })
      const holds = await service.placeHolds(
        Array.from({ length: 4 }, () => ({ resource_id: r.id, date: day(1), quantity: 1 }))
      )
      await withDb(async (db) => {
        await insertRun(db, 1)
        await expireInDb(db, holds.slice(0, 3).map((h) => h.id), 20)
        await expireInDb(db, [holds[3].id], 1)
      })
      const degraded = await service.getHealth()
      expect(degraded.status).toBe("degraded")
      expect(degraded.cleanup_job.overdue_holds).toBe(4)
      expect(degraded.cleanup_job.status).toBe("degraded")
      expect(degraded.warnings).toEqual([
        expect.stringMatching(/^3 active hold\(s\) are overdue by more than one cleanup period \(5 min\)/),
      ])

      await service.cleanupExpiredHolds({ trigger: "schedule" })
      const healthy = await service.getHealth()
      expect(healthy.status).toBe("healthy")
      expect(healthy.holds).toMatchObject({ active: 0, expired: 4 })
      expect(healthy.cleanup_job.last_run).toMatchObject({ expired_count: 4, capacity_restored: 4 })
    })

    it("is degraded after a slow run, a failed run, or a run that never finished", async () => {
      await withDb((db) => insertRun(db, 1, { duration_ms: 9000 }))
      let health = await service.getHealth()
      expect(health.status).toBe("degraded")
      expect(health.warnings).toEqual([
        "The last cleanup run took 9000 ms, over the 5000 ms threshold.",
      ])

      await withDb((db) => insertRun(db, 0, { error: "connection refused" }))
      health = await service.getHealth()
      expect(health.status).toBe("degraded")
      expect(health.cleanup_job.status).toBe("error")
      expect(health.warnings[0]).toMatch(/failed: connection refused/)

      await withDb(async (db) => {
        await db.query(`DELETE FROM booking_cleanup_run`)
        await insertRun(db, 7)
        await insertRun(db, 6, { finished: false, duration_ms: null })
      })
      health = await service.getHealth()
      expect(health.cleanup_job.last_run).toMatchObject({ finished_at: null })
      expect(health.warnings).toEqual([expect.stringMatching(/never finished/)])
      expect(health.status).toBe("degraded")
    })

    it("is unhealthy when the job has not run for several periods", async () => {
      await withDb((db) => insertRun(db, 16))
      const health = await service.getHealth()
      expect(health.status).toBe("unhealthy")
      expect(health.cleanup_job.status).toBe("stale")
      expect(health.warnings[0]).toMatch(/has not run since .* \(more than 3 periods of "\*\/5 \* \* \* \*"\)/)
    })

    it("is unhealthy, not an error, when the database cannot be read", async () => {
      await withDb((db) => db.query(`ALTER TABLE booking_cleanup_run RENAME TO booking_cleanup_run_gone`))
      const health = await service.getHealth()
      expect(health.status).toBe("unhealthy")
      expect(health.warnings[0]).toMatch(/^The database cannot be read: relation "booking_cleanup_run" does not exist$/)
      await withDb((db) => db.query(`ALTER TABLE booking_cleanup_run_gone RENAME TO booking_cleanup_run`))
    })
  },
})
