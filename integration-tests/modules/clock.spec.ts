import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import type ResourceBookingModuleService from "../../src/modules/resource_booking/service"
import { lockKey } from "../../src/modules/resource_booking/locks"
import { moduleRunnerConfig } from "../helpers/module"
import { connect, day, holdStatuses, invariantViolations } from "../helpers/db"
import { resourceWithCapacity } from "../helpers/fixtures"

jest.setTimeout(120_000)

// A transition is judged by the clock once its locks are held
// (clock_timestamp()), not at the start of its transaction (now()): a hold
// whose TTL runs out while its confirm waits for the key's lock is not
// confirmed. With now() the confirm below would succeed.
moduleIntegrationTestRunner<ResourceBookingModuleService>({
  ...moduleRunnerConfig,
  testSuite: ({ service, dbConfig }) => {
    it("a hold that lapses while its confirm waits for the key's lock is not confirmed", async () => {
      const D = day(3)
      const r = await resourceWithCapacity(service, [D], 2)
      const [hold] = await service.placeHolds([{ resource_id: r.id, date: D, quantity: 1 }])
      const db = await connect(dbConfig.clientUrl)
      const locker = await connect(dbConfig.clientUrl)
      try {
        // Another transaction holds the key's lock, as an operation on the day would.
        await locker.query("BEGIN")
        await locker.query(`SELECT pg_advisory_xact_lock(${lockKey("$1::text", "$2::text", "$3::text")})`, [r.id, D, ""])
        const confirm = service.confirmHolds([hold.id])
        // The confirm's transaction has begun, and it waits for that lock.
        for (;;) {
          const { rows } = await db.query(
            `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
               AND pid <> pg_backend_pid() AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`
          )
          if (rows.length) break
          await new Promise((resolve) => setImmediate(resolve))
        }
        // Meanwhile the hold's TTL runs out: after the confirm's transaction began.
        await db.query(`UPDATE booking_hold SET expires_at = clock_timestamp() WHERE id = $1`, [hold.id])
        await locker.query("COMMIT")
        const result = await confirm
        expect(result.changed_ids).toEqual([])
        expect(["expired", "active"]).toContain((await holdStatuses(db, [hold.id]))[hold.id])
        expect(await invariantViolations(db)).toEqual([])
      } finally {
        await locker.end()
        await db.end()
      }
    })
  },
})
