import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { createMedusaContainer } from "@medusajs/framework/utils"
import { asValue } from "@medusajs/framework/awilix"
import type ResourceBookingModuleService from "../../src/modules/resource_booking/service"
import cleanupExpiredHoldsJob from "../../src/jobs/cleanup-expired-holds"
import { moduleRunnerConfig } from "../helpers/module"
import { connect, day, expireInDb, invariantViolations } from "../helpers/db"
import { pgProxy } from "../helpers/tcp-proxy"

jest.setTimeout(120_000)

// The module reaches PostgreSQL through a proxy this test can take down. The
// runner reads DB_HOST/DB_PORT when it is created, so set them first.
const PROXY_PORT = 25000 + Math.floor(Math.random() * 5000)
const proxy = pgProxy(PROXY_PORT)
const direct = { host: process.env.DB_HOST, port: process.env.DB_PORT }
process.env.DB_HOST = "localhost"
process.env.DB_PORT = String(PROXY_PORT)
beforeAll(() => proxy.up())
afterAll(async () => {
  await proxy.down()
  process.env.DB_HOST = direct.host
  process.env.DB_PORT = direct.port
})

moduleIntegrationTestRunner<ResourceBookingModuleService>({
  ...moduleRunnerConfig,
  testSuite: ({ service, dbConfig }) => {
    it("the job survives PostgreSQL refusing connections, logs it, and the next run recovers everything", async () => {
      const r = await service.createResources({ title: "Tour", handle: "tour" })
      await service.setCapacity(r.id, { from: day(1), to: day(1), max_capacity: 20 })
      const holds = await service.placeHolds(
        Array.from({ length: 12 }, () => ({ resource_id: r.id, date: day(1), quantity: 1 }))
      )
      const directUrl = dbConfig.clientUrl.replace(`:${PROXY_PORT}/`, `:${direct.port ?? 5432}/`)
      const db = await connect(directUrl)
      try {
        await expireInDb(db, holds.map((h) => h.id))

        const lines: { level: string; message: string }[] = []
        const logger = Object.fromEntries(
          ["info", "warn", "error", "debug", "log"].map((level) => [
            level,
            (message: string) => lines.push({ level, message: String(message) }),
          ])
        )
        const container = createMedusaContainer()
        container.register({ resource_booking: asValue(service), logger: asValue(logger) })

        await proxy.down()
        const failed = await cleanupExpiredHoldsJob(container)
        expect(failed).toEqual({ error: expect.stringMatching(/\w/) })
        expect(lines).toEqual([
          { level: "error", message: expect.stringMatching(/^resource-booking cleanup failed: /) },
        ])
        // Nothing moved while the database was away.
        const { rows } = await db.query(`SELECT count(*)::int AS n FROM booking_hold WHERE status = 'active'`)
        expect(rows[0].n).toBe(12)

        await proxy.up()
        const recovered: any = await cleanupExpiredHoldsJob(container)
        expect(recovered).toMatchObject({ expired_count: 12, capacity_restored: 12, error: null })
        expect(lines[1]).toEqual({ level: "info", message: expect.stringMatching(/"expired_count":12/) })
        expect(await invariantViolations(db)).toEqual([])
        const runs = await db.query(`SELECT trigger, expired_count, error FROM booking_cleanup_run`)
        expect(runs.rows).toEqual([{ trigger: "schedule", expired_count: 12, error: null }])
      } finally {
        await db.end()
      }
    })
  },
})
