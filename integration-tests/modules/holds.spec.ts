import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { MedusaError } from "@medusajs/framework/utils"
import type ResourceBookingModuleService from "../../src/modules/resource_booking/service"
import { moduleRunnerConfig } from "../helpers/module"
import { available, connect, day, expireInDb, holdStatuses, invariantViolations } from "../helpers/db"
import { resourceWithCapacity } from "../helpers/fixtures"

jest.setTimeout(120_000)

moduleIntegrationTestRunner<ResourceBookingModuleService>({
  ...moduleRunnerConfig,
  testSuite: ({ service, dbConfig }) => {
    const D1 = day(3)
    const D2 = day(4)

    describe("placeHolds", () => {
      it("holds capacity for several items in one call and takes it from availability", async () => {
        const r = await resourceWithCapacity(service, [D1, D2], 10)
        const holds = await service.placeHolds(
          [
            { resource_id: r.id, date: D1, quantity: 2 },
            { resource_id: r.id, date: D2, quantity: 3 },
          ],
          { cart_id: "cart_1", customer_id: "cus_1" }
        )
        expect(holds.map((h) => [h.date, h.quantity, h.status, h.cart_id])).toEqual([
          [D1, 2, "active", "cart_1"],
          [D2, 3, "active", "cart_1"],
        ])
        expect(holds[0].id).toMatch(/^hold_/)
        const db = await connect(dbConfig.clientUrl)
        try {
          expect(await available(db, r.id, D1)).toBe(8)
          expect(await available(db, r.id, D2)).toBe(7)
          expect(await invariantViolations(db)).toEqual([])
        } finally {
          await db.end()
        }
      })

      it("uses the resource's TTL, else the plugin default, unless the caller gives one", async () => {
        const plain = await resourceWithCapacity(service, [D1], 5)
        const custom = await resourceWithCapacity(service, [D1], 5, { hold_ttl_minutes: 90 })
        const [a] = await service.placeHolds([{ resource_id: plain.id, date: D1, quantity: 1 }])
        const [b] = await service.placeHolds([{ resource_id: custom.id, date: D1, quantity: 1 }])
        const [c] = await service.placeHolds([{ resource_id: custom.id, date: D1, quantity: 1 }], {
          ttlMinutes: 5,
        })
        const ttl = (h: { created_at: Date; expires_at: Date }) =>
          Math.round((+new Date(h.expires_at) - +new Date(h.created_at)) / 60_000)
        expect([ttl(a), ttl(b), ttl(c)]).toEqual([30, 90, 5])
      })

      it("refuses more than is available with NOT_ALLOWED naming resource, date, requested and available, writing nothing", async () => {
        const r = await resourceWithCapacity(service, [D1, D2], 3)
        const err = await service
          .placeHolds([
            { resource_id: r.id, date: D1, quantity: 1 },
            { resource_id: r.id, date: D2, quantity: 4 },
          ])
          .catch((e) => e)
        expect(err).toBeInstanceOf(MedusaError)
        expect(err.type).toBe(MedusaError.Types.NOT_ALLOWED)
        expect(err.message).toBe(
          `Not enough capacity for resource "${r.title}" (${r.id}) on ${D2}: requested 4, available 3`
        )
        const db = await connect(dbConfig.clientUrl)
        try {
          expect(await available(db, r.id, D1)).toBe(3)
          const { rows } = await db.query(`SELECT count(*)::int AS n FROM booking_hold`)
          expect(rows[0].n).toBe(0)
        } finally {
          await db.end()
        }
      })

      it("counts repeated items of one key together", async () => {
        const r = await resourceWithCapacity(service, [D1], 3)
        await expect(
          service.placeHolds([
            { resource_id: r.id, date: D1, quantity: 2 },
            { resource_id: r.id, date: D1, quantity: 2 },
          ])
        ).rejects.toThrow(`requested 4, available 3`)
      })

      it("rejects bad input with clear errors", async () => {
        const r = await resourceWithCapacity(service, [D1], 3)
        const inactive = await resourceWithCapacity(service, [D1], 3, { is_active: false })
        const cases: [unknown, string, RegExp][] = [
          [[], MedusaError.Types.INVALID_DATA, /items must be a non-empty array/],
          [[{ resource_id: r.id, date: D1, quantity: 0 }], MedusaError.Types.INVALID_DATA, /items\[0\]\.quantity must be a whole number from 1/],
          [[{ resource_id: r.id, date: D1, quantity: 1.5 }], MedusaError.Types.INVALID_DATA, /quantity must be a whole number/],
          [[{ resource_id: r.id, date: "2026-02-30", quantity: 1 }], MedusaError.Types.INVALID_DATA, /items\[0\]\.date must be a calendar day/],
          [[{ resource_id: "", date: D1, quantity: 1 }], MedusaError.Types.INVALID_DATA, /resource_id must be a non-empty id/],
          [[{ resource_id: "res_missing", date: D1, quantity: 1 }], MedusaError.Types.NOT_FOUND, /Resource with id "res_missing" was not found/],
          [[{ resource_id: inactive.id, date: D1, quantity: 1 }], MedusaError.Types.NOT_ALLOWED, /is not active/],
          [[{ resource_id: r.id, date: day(40), quantity: 1 }], MedusaError.Types.NOT_ALLOWED, new RegExp(`has no capacity on ${day(40)}`)],
        ]
        for (const [items, type, message] of cases) {
          const err = await service.placeHolds(items as any).catch((e) => e)
          expect({ type: err.type, message: err.message }).toEqual({
            type,
            message: expect.stringMatching(message),
          })
        }
        const db = await connect(dbConfig.clientUrl)
        try {
          const { rows } = await db.query(`SELECT count(*)::int AS n FROM booking_hold`)
          expect(rows[0].n).toBe(0)
        } finally {
          await db.end()
        }
      })

      it("never overbooks: 50 simultaneous holds of 1 on a capacity of 10 → exactly 10 succeed", async () => {
        const r = await resourceWithCapacity(service, [D1], 10)
        const results = await Promise.allSettled(
          Array.from({ length: 50 }, (_, i) =>
            service.placeHolds([{ resource_id: r.id, date: D1, quantity: 1 }], { cart_id: `cart_${i}` })
          )
        )
        const ok = results.filter((x) => x.status === "fulfilled")
        const refused = results.filter((x) => x.status === "rejected") as PromiseRejectedResult[]
        // Each refusal is the service's own, not a database error.
        expect(refused.map((f) => [f.reason.type, f.reason.message])).toEqual(
          Array(40).fill([MedusaError.Types.NOT_ALLOWED, expect.stringMatching(/requested 1, available 0/)])
        )
        expect(ok).toHaveLength(10)
        const db = await connect(dbConfig.clientUrl)
        try {
          expect(await available(db, r.id, D1)).toBe(0)
          expect(await invariantViolations(db)).toEqual([])
        } finally {
          await db.end()
        }
      })
    })

    describe("transitions", () => {
      it("confirm, release and extend are conditional on status and idempotent", async () => {
        const r = await resourceWithCapacity(service, [D1], 10)
        const [a, b, c] = await service.placeHolds([
          { resource_id: r.id, date: D1, quantity: 1 },
          { resource_id: r.id, date: D1, quantity: 2 },
          { resource_id: r.id, date: D1, quantity: 3 },
        ])

        const confirmed = await service.confirmHolds([a.id], { order_id: "order_1" })
        expect(confirmed.changed_ids).toEqual([a.id])
        expect(confirmed.holds[0]).toMatchObject({ status: "confirmed", order_id: "order_1" })
        expect((await service.confirmHolds([a.id])).changed_ids).toEqual([])

        const released = await service.releaseHolds([b.id])
        expect(released.changed_ids).toEqual([b.id])
        expect(released.holds[0].status).toBe("released")
        expect((await service.releaseHolds([b.id])).changed_ids).toEqual([])
        // A released hold cannot be confirmed, nor a confirmed one released.
        expect((await service.confirmHolds([b.id])).holds[0].status).toBe("released")
        expect((await service.releaseHolds([a.id])).holds[0].status).toBe("confirmed")

        const before = new Date(c.expires_at).getTime()
        const extended = await service.extendHold(c.id, 15)
        expect(new Date(extended.expires_at).getTime() - before).toBe(15 * 60_000)
        await expect(service.extendHold(b.id, 15)).rejects.toThrow(
          `Hold ${b.id} is released; only active holds can be extended`
        )

        const db = await connect(dbConfig.clientUrl)
        try {
          // 10 - confirmed 1 - active 3; the released 2 came back once.
          expect(await available(db, r.id, D1)).toBe(6)
          expect(await invariantViolations(db)).toEqual([])
        } finally {
          await db.end()
        }
      })

      it("unknown ids are NOT_FOUND and change nothing", async () => {
        const r = await resourceWithCapacity(service, [D1], 10)
        const [a] = await service.placeHolds([{ resource_id: r.id, date: D1, quantity: 1 }])
        const err = await service.releaseHolds([a.id, "hold_nope"]).catch((e) => e)
        expect(err.type).toBe(MedusaError.Types.NOT_FOUND)
        expect(err.message).toBe("Hold(s) not found: hold_nope")
        await expect(service.releaseHolds([])).rejects.toThrow("ids must be a non-empty array of ids")
        await expect(service.extendHold(a.id, 0)).rejects.toThrow(/minutes must be a whole number/)
        const db = await connect(dbConfig.clientUrl)
        try {
          expect(await holdStatuses(db, [a.id])).toEqual({ [a.id]: "active" })
        } finally {
          await db.end()
        }
      })

      it("lazy expiry: a hold past its TTL is never confirmed or extended, and its capacity serves a new hold", async () => {
        const r = await resourceWithCapacity(service, [D1], 1)
        const [old] = await service.placeHolds([{ resource_id: r.id, date: D1, quantity: 1 }])
        const db = await connect(dbConfig.clientUrl)
        try {
          await expireInDb(db, [old.id])

          const attempt = await service.confirmHolds([old.id], { order_id: "order_late" })
          expect(attempt.changed_ids).toEqual([])
          expect(attempt.expired_ids).toEqual([old.id])
          expect(attempt.holds[0]).toMatchObject({ status: "expired", order_id: null })
          await expect(service.extendHold(old.id, 10)).rejects.toThrow(/expired at .* and cannot be extended/)

          const [fresh] = await service.placeHolds([{ resource_id: r.id, date: D1, quantity: 1 }])
          expect(fresh.status).toBe("active")
          expect(await available(db, r.id, D1)).toBe(0)
          expect(await invariantViolations(db)).toEqual([])
        } finally {
          await db.end()
        }
      })

      it("lazy expiry inside placeHolds frees an overdue hold's capacity before the sweep reaches it", async () => {
        const r = await resourceWithCapacity(service, [D1], 2)
        const [a] = await service.placeHolds([{ resource_id: r.id, date: D1, quantity: 2 }])
        const db = await connect(dbConfig.clientUrl)
        try {
          await expireInDb(db, [a.id])
          const [b] = await service.placeHolds([{ resource_id: r.id, date: D1, quantity: 2 }])
          expect(await holdStatuses(db, [a.id, b.id])).toEqual({ [a.id]: "expired", [b.id]: "active" })
          expect((await service.confirmHolds([a.id])).holds[0].status).toBe("expired")
          expect(await invariantViolations(db)).toEqual([])
        } finally {
          await db.end()
        }
      })
    })
  },
})
