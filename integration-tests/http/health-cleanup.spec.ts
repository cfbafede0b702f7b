import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { WorkflowManager } from "@medusajs/framework/orchestration"
import { RESOURCE_BOOKING_MODULE } from "../../src/modules/resource_booking"
import type ResourceBookingModuleService from "../../src/modules/resource_booking/service"
import { available, connect, day, expireInDb, invariantViolations } from "../helpers/db"
import { adminHeaders, prepareAppEnv } from "../helpers/http"

jest.setTimeout(180_000)
prepareAppEnv()

const JOB_WORKFLOW = "job-resource-booking-cleanup-expired-holds"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    let admin: { headers: Record<string, string> }
    let service: ResourceBookingModuleService

    beforeEach(async () => {
      admin = await adminHeaders(api, getContainer())
      service = getContainer().resolve(RESOURCE_BOOKING_MODULE)
    })

    /** The seed's scenario on one date: available 1 before the sweep. */
    async function seed() {
      const r = await service.createResources({ title: "Harbour tour", handle: "harbour-tour" })
      await service.setCapacity(r.id, { from: day(2), to: day(2), max_capacity: 10 })
      const one = { resource_id: r.id, date: day(2), quantity: 1 }
      await service.placeHolds([one, one, one])
      const stale = await service.placeHolds([one, one, one, one, one])
      const [confirmed] = await service.placeHolds([one])
      await service.confirmHolds([confirmed.id])
      const db = await connect(dbConfig.clientUrl)
      await expireInDb(db, [...stale.map((h) => h.id), confirmed.id])
      return { r, db }
    }

    it("admin routes answer 401 without admin auth and change nothing", async () => {
      const health = await api.get("/admin/resource-booking/health").catch((e: any) => e.response)
      expect(health.status).toBe(401)
      const cleanup = await api
        .post("/admin/resource-booking/cleanup", {})
        .catch((e: any) => e.response)
      expect(cleanup.status).toBe(401)
      const [, runs] = await service.listAndCountCleanupRuns({})
      expect(runs).toBe(0)
    })

    it("GET /admin/resource-booking/health reports the seeded figures", async () => {
      const { db } = await seed()
      try {
        const { status, data } = await api.get("/admin/resource-booking/health", admin)
        expect(status).toBe(200)
        expect(data).toMatchObject({
          status: "healthy",
          holds: { active: 8, confirmed: 1, released: 0, expired: 0, total: 9 },
          cleanup_job: {
            overdue_holds: 5,
            status: "pending",
            schedule: "0 0 * * 0",
            last_run: null,
          },
          resources: { active_count: 1, total_capacity_records: 1 },
          capacity: { total_max: 10, total_available: 1, total_reserved: 9, utilization_percent: 90 },
        })
        expect(typeof data.timestamp).toBe("string")
        expect(typeof data.cleanup_job.next_run).toBe("string")
      } finally {
        await db.end()
      }
    })

    it("POST /admin/resource-booking/cleanup sweeps, and a dry run changes nothing", async () => {
      const { r, db } = await seed()
      try {
        const dry = await api.post("/admin/resource-booking/cleanup", { dry_run: true }, admin)
        expect(dry.status).toBe(200)
        expect(dry.data.run).toMatchObject({ expired_count: 5, capacity_restored: 5, dry_run: true })
        expect(await available(db, r.id, day(2))).toBe(1)

        const { data } = await api.post("/admin/resource-booking/cleanup", { batch_size: 2 }, admin)
        expect(data.run).toMatchObject({
          expired_count: 5,
          capacity_restored: 5,
          batches: 3,
          dry_run: false,
          error: null,
        })
        expect(typeof data.run.duration_ms).toBe("number")
        expect(await available(db, r.id, day(2))).toBe(6)
        expect(await invariantViolations(db)).toEqual([])

        const again = await api.post("/admin/resource-booking/cleanup", {}, admin)
        expect(again.data.run).toMatchObject({ expired_count: 0, capacity_restored: 0 })

        const health = await api.get("/admin/resource-booking/health", admin)
        expect(health.data.cleanup_job.last_run).toMatchObject({
          trigger: "manual",
          expired_count: 0,
        })
        expect(health.data.holds).toMatchObject({ active: 3, expired: 5, confirmed: 1 })
      } finally {
        await db.end()
      }
    })

    it("POST /admin/resource-booking/cleanup rejects bad bodies with 400 and runs nothing", async () => {
      const bad = [
        { unknown: true },
        { batch_size: 0 },
        { batch_size: 2.5 },
        { batch_size: "10" },
        { dry_run: "yes" },
      ]
      for (const body of bad) {
        const res = await api
          .post("/admin/resource-booking/cleanup", body, admin)
          .catch((e: any) => e.response)
        expect(res.status).toBe(400)
        expect(res.data.type).toBe("invalid_data")
        expect(res.data.message).toEqual(expect.any(String))
      }
      const first = await api
        .post("/admin/resource-booking/cleanup", { unknown: true }, admin)
        .catch((e: any) => e.response)
      expect(first.data.message).toMatch(/unknown/)
      const [, runs] = await service.listAndCountCleanupRuns({})
      expect(runs).toBe(0)
    })

    it("registers the cleanup job at boot, and running it sweeps as trigger 'schedule'", async () => {
      const workflow = WorkflowManager.getWorkflow(JOB_WORKFLOW)
      expect(workflow).toBeDefined()
      const { r, db } = await seed()
      try {
        const engine = getContainer().resolve(Modules.WORKFLOW_ENGINE)
        const { result } = await engine.run(JOB_WORKFLOW, { input: {} })
        expect(result).toMatchObject({ expired_count: 5, capacity_restored: 5, error: null })
        expect(await available(db, r.id, day(2))).toBe(6)
        const health = await api.get("/admin/resource-booking/health", admin)
        expect(health.data.cleanup_job).toMatchObject({
          status: "ok",
          last_run: { trigger: "schedule", expired_count: 5, capacity_restored: 5 },
        })
      } finally {
        await db.end()
      }
    })
  },
})
