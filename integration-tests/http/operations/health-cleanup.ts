import type { MedusaSuiteOptions } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { WorkflowManager } from "@medusajs/framework/orchestration"
import { OrderEvents, RESOURCE_BOOKING_MODULE } from "../../../src/modules/resource_booking"
import { HEALTH_ALERT_TEMPLATE } from "../../../src/workflows/sweep/steps/alert-health-change"
import { createBookableProduct, setupStore } from "../../../scripts/lib/store-setup"
import type ResourceBookingModuleService from "../../../src/modules/resource_booking/service"
import { available, connect, day, expireInDb, invariantViolations } from "../../helpers/db"
import { adminHeaders, call } from "../../helpers/http"
import { interleave } from "../../helpers/interleave"
import { SHIPPING_ADDRESS } from "../../helpers/storefront"

const JOB_WORKFLOW = "job-resource-booking-cleanup-expired-holds"

export default function healthCleanup({ api, getContainer, dbConfig }: MedusaSuiteOptions) {
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

  it("an uptime monitor reads health with a secret API key (HTTP Basic, the key as user name)", async () => {
    const [key] = await getContainer().resolve(Modules.API_KEY).createApiKeys([{ title: "uptime", type: "secret", created_by: "test" }])
    const basic = { headers: { authorization: `Basic ${Buffer.from(`${key.token}:`).toString("base64")}` } }
    const { status, data } = await api.get("/admin/resource-booking/health", basic)
    expect([status, data.status]).toEqual([200, "healthy"])
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

  describe("unpaid orders (unpaidOrderTimeoutMinutes 15, drafts included)", () => {
    /** A phone booking: a draft with `quantity` on day(2), converted; a live order that nobody has paid. */
    async function phoneBooking(variant: string, quantity: number, store: any) {
      const created = await call(
        api.post(
          "/admin/draft-orders",
          {
            region_id: store.region_id,
            sales_channel_id: store.sales_channel_id,
            email: "phone@example.com",
            shipping_address: SHIPPING_ADDRESS,
            billing_address: SHIPPING_ADDRESS,
            items: [{ variant_id: variant, quantity, metadata: { booking_date: day(2) } }],
          },
          admin
        )
      )
      expect([created.status, created.data.message]).toEqual([200, undefined])
      const id = created.data.draft_order.id as string
      expect((await call(api.post(`/admin/draft-orders/${id}/convert-to-order`, {}, admin))).status).toBe(200)
      return id
    }

    /** The order's payment collection for what it owes (created when the conversion made none). */
    async function collectionOf(orderId: string) {
      const order = (await api.get(`/admin/orders/${orderId}?fields=total,payment_collections.id`, admin)).data.order
      if (order.payment_collections?.length) {
        return order.payment_collections[0].id as string
      }
      const { data } = await api.post("/admin/payment-collections", { order_id: orderId, amount: order.total }, admin)
      return data.payment_collection.id as string
    }

    const markPaid = (orderId: string, collectionId: string) =>
      call(api.post(`/admin/payment-collections/${collectionId}/mark-as-paid`, { order_id: orderId }, admin))

    /** Status, payment status, money kept (captured − refunded) and the order's holds. */
    async function outcome(db: any, orderId: string) {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: [o] } = await query.graph({
        entity: "order",
        fields: ["status", "payment_collections.payments.captures.amount", "payment_collections.payments.refunds.amount"],
        filters: { id: orderId },
      })
      const payments = (o.payment_collections ?? []).flatMap((c: any) => c.payments ?? [])
      const sum = (xs: any[]) => xs.reduce((t, x) => t + Number(x.amount), 0)
      const kept = payments.reduce((t: number, p: any) => t + sum(p.captures ?? []) - sum(p.refunds ?? []), 0)
      const { rows } = await db.query(`SELECT status, quantity FROM booking_hold WHERE order_id = $1 ORDER BY id`, [orderId])
      return { status: o.status as string, kept, holds: rows.map((h: any) => h.status) as string[] }
    }

    /** Moves the order's bookings' confirmation `minutes` into the past. */
    const age = (db: any, orderId: string, minutes: number) =>
      db.query(`UPDATE booking_hold SET confirmed_at = now() - make_interval(mins => $2) WHERE order_id = $1`, [orderId, minutes])

    async function product(max: number) {
      const store = await setupStore(getContainer())
      const r = await service.createResources({ title: "Sunset cruise", handle: `sunset-${Date.now()}-${Math.random()}` })
      await service.setCapacity(r.id, { from: day(2), to: day(2), max_capacity: max })
      const p = await createBookableProduct(getContainer(), store, { title: `Sunset ${r.id}`, variants: [{ title: "Adult", price: 30, resource_id: r.id }] })
      return { r, store, variant: p.variant_ids[0] }
    }

    it("cancels an order still unpaid after its timeout through Medusa's cancel (seats back once, an event, a log), keeps the paid and the recent, and a dry run changes nothing", async () => {
      const { r, store, variant } = await product(5)
      const db = await connect(dbConfig.clientUrl)
      try {
        const unpaid = await phoneBooking(variant, 2, store)
        const paid = await phoneBooking(variant, 1, store)
        const recent = await phoneBooking(variant, 1, store)
        expect((await markPaid(paid, await collectionOf(paid))).status).toBe(200)
        // Eight days: past the timeout by more than a cleanup period ("0 0 * * 0", a week).
        await age(db, unpaid, 8 * 24 * 60)
        await age(db, paid, 8 * 24 * 60)
        expect(await available(db, r.id, day(2))).toBe(1)

        const before = (await api.get("/admin/resource-booking/health", admin)).data
        expect(before.cleanup_job.orders_past_payment_timeout).toBe(2)
        expect(before.status).toBe("degraded")
        expect(before.warnings.join(" ")).toMatch(/2 order\(s\) with bookings passed their payment timeout \(15 min\)/)

        const dry = (await api.post("/admin/resource-booking/cleanup", { dry_run: true }, admin)).data.run
        expect(dry).toMatchObject({ dry_run: true, unpaid_canceled: 1, error: null })
        expect((await outcome(db, unpaid)).status).toBe("pending")
        expect(await available(db, r.id, day(2))).toBe(1)

        const bus = getContainer().resolve(Modules.EVENT_BUS)
        const announced = new Promise<any>((resolve) => bus.subscribe(OrderEvents.UNPAID_CANCELED, async (e: any) => resolve(e.data ?? e)))
        const run = (await api.post("/admin/resource-booking/cleanup", {}, admin)).data.run
        expect(run).toMatchObject({ dry_run: false, unpaid_canceled: 1, error: null })
        expect(await announced).toMatchObject({ id: unpaid, payment_status: "not_paid", late_refund: false })
        expect(await outcome(db, unpaid)).toEqual({ status: "canceled", kept: 0, holds: ["canceled"] })
        expect(await outcome(db, paid)).toMatchObject({ status: "pending", holds: ["confirmed"] })
        expect((await outcome(db, recent)).holds).toEqual(["confirmed"])
        expect(await available(db, r.id, day(2))).toBe(3)

        // Each order is judged once: again, nothing; the seats came back once.
        const again = (await api.post("/admin/resource-booking/cleanup", {}, admin)).data.run
        expect(again.unpaid_canceled).toBe(0)
        expect(await available(db, r.id, day(2))).toBe(3)
        const after = (await api.get("/admin/resource-booking/health", admin)).data
        expect(after.cleanup_job).toMatchObject({ orders_past_payment_timeout: 0, last_run: { unpaid_canceled: 0 } })
        expect(await invariantViolations(db)).toEqual([])
      } finally {
        await db.end()
      }
    })

    it("a capture in flight when the step judges keeps the order and its seats; a 'mark as paid' after the cancel is refused", async () => {
      const { r, store, variant } = await product(20)
      const db = await connect(dbConfig.clientUrl)
      try {
        const inFlight = await phoneBooking(variant, 1, store)
        const late = await phoneBooking(variant, 1, store)
        const collections = { inFlight: await collectionOf(inFlight), late: await collectionOf(late) }
        await age(db, inFlight, 20)
        await age(db, late, 20)
        // The admin's "mark as paid" (a session, an authorization, a capture; no
        // lock) stops with its capture written and not committed; the sweep runs then.
        const race = await interleave(
          db,
          { after: "INSERT", table: "capture" },
          () => markPaid(inFlight, collections.inFlight),
          () => api.post("/admin/resource-booking/cleanup", {}, admin)
        )
        expect(race.first.status).toBe("fulfilled")
        expect(race.rival.status).toBe("fulfilled")
        expect(await outcome(db, inFlight)).toMatchObject({ status: "pending", holds: ["confirmed"] })
        expect((await outcome(db, inFlight)).kept).toBeGreaterThan(0)
        expect(await outcome(db, late)).toEqual({ status: "canceled", kept: 0, holds: ["canceled"] })

        // The canceled order's collection was canceled first: paying it now is refused.
        const refused = await markPaid(late, collections.late)
        expect(refused.status).toBe(400)
        expect(refused.data.message).toMatch(/Can only mark 'not_paid' payment collection as paid/)
        expect(await outcome(db, late)).toEqual({ status: "canceled", kept: 0, holds: ["canceled"] })
        expect(await available(db, r.id, day(2))).toBe(19)
        expect(await invariantViolations(db)).toEqual([])
      } finally {
        await db.end()
      }
    })
  })

  describe("alerts", () => {
    const alerts = async () => {
      const notifications = getContainer().resolve(Modules.NOTIFICATION)
      return await notifications.listNotifications({ template: HEALTH_ALERT_TEMPLATE }, { order: { created_at: "ASC" } })
    }

    it("notifies the recipients once per change of health's state, however many runs and workers see it", async () => {
      const db = await connect(dbConfig.clientUrl)
      try {
        const r = await service.createResources({ title: "Kayak", handle: `kayak-${Date.now()}` })
        await service.setCapacity(r.id, { from: day(3), to: day(3), max_capacity: 4 })
        await api.post("/admin/resource-booking/cleanup", {}, admin)
        const start = (await alerts()).length
        // A confirmed booking that no order has (the audit's "orphaned"), settled long ago: degraded.
        const [orphan] = await service.placeHolds([{ resource_id: r.id, date: day(3), quantity: 1 }])
        await service.confirmHolds([orphan.id], { order_id: "order_gone" })
        await db.query(`UPDATE booking_hold SET updated_at = now() - interval '1 day', confirmed_at = now() - interval '1 day' WHERE id = $1`, [orphan.id])

        // Four workers' runs at once, then more: one change, one alert per recipient.
        await Promise.all([1, 2, 3, 4].map(() => api.post("/admin/resource-booking/cleanup", {}, admin)))
        await api.post("/admin/resource-booking/cleanup", {}, admin)
        const down = (await alerts()).slice(start)
        expect(down.map((n: any) => [n.to, n.channel])).toEqual([
          ["ops@example.com", "feed"],
          ["oncall@example.com", "feed"],
        ])
        expect(down[0].content?.subject ?? down[0].data?.subject).toBe("Resource booking is degraded (was healthy)")
        expect(String(down[0].data?.text)).toMatch(/cover no live order line/)
        expect(String(down[0].data?.text)).toMatch(/act on the warnings/)
        // What Medusa's admin shows of a feed notification.
        expect(down[0].data).toMatchObject({ title: "Resource booking is degraded (was healthy)", description: down[0].data?.text })

        // Fixed: back to healthy, announced once.
        await service.cancelHolds([orphan.id])
        await Promise.all([1, 2, 3].map(() => api.post("/admin/resource-booking/cleanup", {}, admin)))
        const up = (await alerts()).slice(start + 2)
        expect(up.map((n: any) => [n.to, n.data?.status, n.data?.previous_status])).toEqual([
          ["ops@example.com", "healthy", "degraded"],
          ["oncall@example.com", "healthy", "degraded"],
        ])
      } finally {
        await db.end()
      }
    })
  })
}
