import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import type { Client } from "pg"
import type ResourceBookingModuleService from "../../src/modules/resource_booking/service"
import { resolveOptions } from "../../src/modules/resource_booking/utils/options"
import { moduleRunnerConfig } from "../helpers/module"
import { available, connect, day, expireInDb, invariantViolations } from "../helpers/db"
import { resourceWithCapacity } from "../helpers/fixtures"

jest.setTimeout(300_000)

// Retention: the sweep deletes finished holds (released, expired, canceled)
// past retainFinishedHoldsDays (default 90) and run records past
// retainRunsDays (default 30), in batches, counted in the run; nothing live is
// ever a candidate, and the books stay as they were.
moduleIntegrationTestRunner<ResourceBookingModuleService>({
  ...moduleRunnerConfig,
  testSuite: ({ service, dbConfig }) => {
    let db: Client
    beforeEach(async () => {
      db = await connect(dbConfig.clientUrl)
    })
    afterEach(async () => {
      await db.end()
    })

    /** Time travel: the holds' last change (their finish) `days` ago. */
    const age = (ids: string[], days: number) =>
      db.query(`UPDATE booking_hold SET updated_at = now() - make_interval(days => $2) WHERE id = ANY($1)`, [ids, days])
    const existing = async (ids: string[]) =>
      (await db.query(`SELECT id FROM booking_hold WHERE id = ANY($1)`, [ids])).rows.map((r) => r.id).sort()

    async function history() {
      const D = day(3)
      const r = await resourceWithCapacity(service, [D], 20)
      const one = () => ({ resource_id: r.id, date: D, quantity: 1 })
      const holds = await service.placeHolds(Array.from({ length: 9 }, one))
      const [released, released2, expired, expired2, canceled, confirmed, active, recent, old] = holds.map((h) => h.id)
      await service.releaseHolds([released, released2, recent])
      await expireInDb(db, [expired, expired2])
      await service.cleanupExpiredHolds()
      await service.confirmHolds([canceled, confirmed, old], { order_id: "order_1" })
      await service.cancelHolds([canceled])
      // Finished long ago, but confirmed or active now: never candidates, however old.
      await age([released, released2, expired, expired2, canceled, confirmed, active, old], 120)
      return { r, D, finishedOld: [released, released2, expired, expired2, canceled], live: [confirmed, active, old], recent: [recent] }
    }

    it("deletes finished holds past the retention in batches, counts them in the run, and never touches a live hold or the books", async () => {
      const { r, D, finishedOld, live, recent } = await history()
      const before = await available(db, r.id, D)

      const dry = await service.cleanupExpiredHolds({ dryRun: true })
      expect(dry).toMatchObject({ dry_run: true, deleted_holds: 5 })
      expect(await existing(finishedOld)).toEqual([...finishedOld].sort())

      const result = await service.cleanupExpiredHolds({ batchSize: 2 })
      expect(result).toMatchObject({ error: null, deleted_holds: 5 })
      expect(await existing(finishedOld)).toEqual([])
      expect(await existing([...live, ...recent])).toEqual([...live, ...recent].sort())
      expect(await available(db, r.id, D)).toBe(before)
      expect(await invariantViolations(db)).toEqual([])

      const { rows } = await db.query(`SELECT deleted_holds FROM booking_cleanup_run WHERE id = $1`, [result.run_id])
      expect(rows[0].deleted_holds).toBe(5)
      expect((await service.cleanupExpiredHolds()).deleted_holds).toBe(0)
    })

    it("deletes run records past their retention, keeping the newest scheduled one that health reads", async () => {
      const scheduled = await service.cleanupExpiredHolds({ trigger: "schedule" })
      const manual = await service.cleanupExpiredHolds({ trigger: "manual" })
      const old = await service.cleanupExpiredHolds({ trigger: "manual" })
      await db.query(`UPDATE booking_cleanup_run SET started_at = started_at - interval '40 days' WHERE id = ANY($1)`, [
        [scheduled.run_id, old.run_id],
      ])

      const dry = await service.cleanupExpiredHolds({ dryRun: true })
      expect(dry.deleted_runs).toBe(1)
      const result = await service.cleanupExpiredHolds({ trigger: "manual" })
      expect(result.deleted_runs).toBe(1)
      const { rows } = await db.query(`SELECT id FROM booking_cleanup_run WHERE id = ANY($1)`, [
        [scheduled.run_id, manual.run_id, old.run_id, result.run_id],
      ])
      expect(rows.map((r) => r.id).sort()).toEqual([scheduled.run_id, manual.run_id, result.run_id].sort())
      expect((await service.getHealth()).cleanup_job.last_run?.deleted_runs).toBe(1)
    })

    it("a run recorded by the shell command counts as the schedule's", async () => {
      const run = await service.cleanupExpiredHolds({ trigger: "cli" })
      const { rows } = await db.query(`SELECT trigger FROM booking_cleanup_run WHERE id = $1`, [run.run_id])
      expect(rows[0].trigger).toBe("cli")
      const health = await service.getHealth()
      expect(health.cleanup_job.status).not.toBe("pending")
      await expect(service.cleanupExpiredHolds({ trigger: "cron" as any })).rejects.toThrow(
        'trigger must be "schedule", "manual" or "cli", got "cron"'
      )
    })
  },
})

describe("retention options", () => {
  it("accept 0 (keep for ever) or enough days to outlive the longest hold, and refuse anything else naming it", () => {
    expect(resolveOptions({ retainFinishedHoldsDays: 0, retainRunsDays: 0 }, {})).toMatchObject({
      retainFinishedHoldsDays: 0,
      retainRunsDays: 0,
    })
    expect(resolveOptions({}, { RETAIN_FINISHED_HOLDS_DAYS: "30", RETAIN_RUNS_DAYS: "7", HOLD_CLEANUP_SCHEDULED: "false" })).toMatchObject({
      retainFinishedHoldsDays: 30,
      retainRunsDays: 7,
      scheduledCleanup: false,
    })
    expect(() => resolveOptions({ retainFinishedHoldsDays: 3 }, {})).toThrow(
      "retainFinishedHoldsDays must be 0 (keep for ever) or at least 7"
    )
    expect(() => resolveOptions({ retainRunsDays: -1 }, {})).toThrow("retainRunsDays must be at least 0")
    expect(() => resolveOptions({}, { HOLD_CLEANUP_SCHEDULED: "maybe" })).toThrow(
      'scheduledCleanup must be true or false (from env HOLD_CLEANUP_SCHEDULED), got "maybe"'
    )
  })
})
