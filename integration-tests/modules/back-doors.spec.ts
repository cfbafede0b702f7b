import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { MedusaError } from "@medusajs/framework/utils"
import type { Client } from "pg"
import type ResourceBookingModuleService from "../../src/modules/resource_booking/service"
import { moduleRunnerConfig } from "../helpers/module"
import { connectEachTest, day } from "../helpers/db"
import { resourceWithCapacity } from "../helpers/fixtures"

jest.setTimeout(60_000)

/** Every row of the booking tables, to show a refusal changed nothing. */
async function snapshot(db: Client) {
  const rows = async (table: string) => (await db.query(`SELECT * FROM ${table} ORDER BY id`)).rows
  return {
    resources: await rows("booking_resource"),
    capacity: await rows("booking_capacity"),
    holds: await rows("booking_hold"),
  }
}

// The module's one way in: a generated mutator that would change capacity or
// holds without the locks and the bookkeeping refuses, naming the operation
// to use; the ones that can keep the invariant do.
moduleIntegrationTestRunner<ResourceBookingModuleService>({
  ...moduleRunnerConfig,
  testSuite: ({ service, dbConfig }) => describe("the module's generated mutators", () => {
      const conn = connectEachTest(dbConfig.clientUrl)

    /** A resource with 5 a day on day(1), one active and one confirmed hold. */
    async function booked() {
      const r = await resourceWithCapacity(service, [day(1)], 5)
      const [active, confirmed] = await service.placeHolds([
        { resource_id: r.id, date: day(1), quantity: 1 },
        { resource_id: r.id, date: day(1), quantity: 2 },
      ])
      await service.confirmHolds([confirmed.id])
      return { r, active, confirmed }
    }

    const s = () => service as any
    const refusals: [string, () => Promise<unknown>, RegExp][] = [
      ["createHolds", () => s().createHolds({ resource_id: "res_x", date: day(1), quantity: 1 }), /use placeHolds/],
      ["updateHolds", () => s().updateHolds({ id: "hold_x", status: "released" }), /use confirmHolds, releaseHolds/],
      ["deleteHolds", () => s().deleteHolds(["hold_x"]), /use releaseHolds/],
      ["softDeleteHolds", () => s().softDeleteHolds(["hold_x"]), /use releaseHolds/],
      ["restoreHolds", () => s().restoreHolds(["hold_x"]), /use placeHolds/],
      ["createCapacities", () => s().createCapacities({ resource_id: "res_x", date: day(1), max_capacity: 9 }), /use setCapacity/],
      ["updateCapacities", () => s().updateCapacities({ id: "rbcap_x", available_capacity: 9 }), /use setCapacity/],
      ["deleteCapacities", () => s().deleteCapacities(["rbcap_x"]), /use setCapacity with max_capacity 0/],
      ["softDeleteCapacities", () => s().softDeleteCapacities(["rbcap_x"]), /use setCapacity with max_capacity 0/],
      ["restoreCapacities", () => s().restoreCapacities(["rbcap_x"]), /use setCapacity, or restoreResources/],
      ["createCleanupRuns", () => s().createCleanupRuns({ trigger: "manual", started_at: new Date() }), /use cleanupExpiredHolds/],
      ["updateCleanupRuns", () => s().updateCleanupRuns({ id: "rbrun_x", error: null }), /use cleanupExpiredHolds/],
      ["createAlertStates", () => s().createAlertStates({ id: "health", status: "healthy", changed_at: new Date() }), /use recordHealthState/],
      ["updateAlertStates", () => s().updateAlertStates({ id: "health", status: "degraded" }), /use recordHealthState/],
    ]

    it.each(refusals)("%s refuses, naming the operation to use, and changes nothing", async (method, call, instead) => {
      await booked()
      const before = await snapshot(conn())
      const err = await call().catch((e) => e)
      expect(err).toBeInstanceOf(MedusaError)
      expect(err.type).toBe(MedusaError.Types.NOT_ALLOWED)
      expect(err.message).toContain(`${method} is not available`)
      expect(err.message).toMatch(instead)
      expect(await snapshot(conn())).toEqual(before)
    })

    it("updateHolds with real ids still changes nothing: the hold stays active and its capacity taken", async () => {
      const { active } = await booked()
      const before = await snapshot(conn())
      await expect(service.updateHolds({ id: active.id, status: "released" } as any)).rejects.toThrow(/placeHolds|releaseHolds/)
      expect(await snapshot(conn())).toEqual(before)
    })

    it("createResources and updateResources refuse nested capacity or holds, creating nothing", async () => {
      const before = await snapshot(conn())
      const nested = { title: "Sneaky", handle: "sneaky", capacities: [{ date: day(1), max_capacity: 3, available_capacity: 99 }] }
      await expect(service.createResources(nested as any)).rejects.toThrow(/does not take capacities/)
      const { r } = await booked()
      const after = await snapshot(conn())
      await expect(
        service.updateResources({ id: r.id, holds: [{ date: day(1), quantity: 1 }] } as any)
      ).rejects.toThrow(/does not take holds: set capacity with setCapacity and hold it with placeHolds/)
      expect(await snapshot(conn())).toEqual(after)
      expect(before.resources).toEqual([])
      // Plain fields still update as generated.
      const [renamed] = await service.updateResources([{ id: r.id, title: "Renamed" }])
      expect(renamed.title).toBe("Renamed")
    })

    it("softDeleteResources refuses while holds are live, then deletes the resource with its capacity", async () => {
      const { r, active, confirmed } = await booked()
      const before = await snapshot(conn())
      const err = await service.softDeleteResources([r.id]).catch((e) => e)
      expect(err.type).toBe(MedusaError.Types.NOT_ALLOWED)
      expect(err.message).toContain("has 2 active or confirmed hold(s) and cannot be deleted")
      expect(await snapshot(conn())).toEqual(before)

      await service.releaseHolds([active.id])
      await service.cancelHolds([confirmed.id])
      await service.softDeleteResources(r.id)
      const { rows } = await conn().query(
        `SELECT (SELECT deleted_at IS NOT NULL FROM booking_resource WHERE id = $1) AS resource_gone,
                (SELECT bool_and(deleted_at IS NOT NULL) FROM booking_capacity WHERE resource_id = $1) AS days_gone`,
        [r.id]
      )
      expect(rows[0]).toEqual({ resource_gone: true, days_gone: true })
      await expect(service.placeHolds([{ resource_id: r.id, date: day(1), quantity: 1 }])).rejects.toThrow(
        `Resource with id "${r.id}" was not found`
      )
    })

    it("restoreResources brings back the resource and the days deleted with it, recounted, and it books again", async () => {
      const r = await resourceWithCapacity(service, [day(1), day(2)], 4)
      const [h] = await service.placeHolds([{ resource_id: r.id, date: day(1), quantity: 3 }])
      await service.releaseHolds([h.id])
      await service.softDeleteResources([r.id])
      await service.restoreResources([r.id])
      const days = await service.listCapacities({ resource_id: r.id }, { order: { date: "ASC" } })
      expect(days.map((d) => [d.date, d.max_capacity, d.available_capacity])).toEqual([
        [day(1), 4, 4],
        [day(2), 4, 4],
      ])
      const [again] = await service.placeHolds([{ resource_id: r.id, date: day(1), quantity: 4 }])
      expect(again.status).toBe("active")
    })

    it("restoreResources refuses when another resource has taken the handle", async () => {
      const r = await resourceWithCapacity(service, [day(1)], 2, { handle: "harbour-tour" })
      await service.softDeleteResources([r.id])
      await service.createResources({ title: "New harbour tour", handle: "harbour-tour" })
      const before = await snapshot(conn())
      await expect(service.restoreResources([r.id])).rejects.toThrow(
        /another resource now has its handle "harbour-tour"/
      )
      expect(await snapshot(conn())).toEqual(before)
    })

    it("deleteResources removes only a resource nothing refers to; a used one is refused", async () => {
      const fresh = await service.createResources({ title: "Fresh", handle: "fresh" })
      await service.deleteResources([fresh.id])
      const { rows } = await conn().query(`SELECT count(*)::int AS n FROM booking_resource WHERE id = $1`, [fresh.id])
      expect(rows[0].n).toBe(0)

      const { r } = await booked()
      const before = await snapshot(conn())
      await expect(service.deleteResources(r.id)).rejects.toThrow(
        `deleteResources only removes resources that never had capacity or holds (${r.id} have); use softDeleteResources`
      )
      expect(await snapshot(conn())).toEqual(before)
    })

    it("releaseHolds with strict refuses a confirmed hold, changing nothing; without it, leaves it be", async () => {
      const { active, confirmed } = await booked()
      const before = await snapshot(conn())
      const err = await service.releaseHolds([active.id, confirmed.id], { strict: true }).catch((e) => e)
      expect(err.type).toBe(MedusaError.Types.NOT_ALLOWED)
      expect(err.message).toBe(`Hold ${confirmed.id} is confirmed; only active holds can be released`)
      // The active hold in the same call was not released either.
      expect(await snapshot(conn())).toEqual(before)

      const result = await service.releaseHolds([active.id, confirmed.id])
      expect(result.changed_ids).toEqual([active.id])
      expect(result.holds.map((h) => h.status)).toEqual(["released", "confirmed"])
    })

    it("restoreHoldExpiry moves an extended hold's expiry back, never later", async () => {
      const { active } = await booked()
      const extended = await service.extendHold(active.id, 60)
      expect(new Date(extended.expires_at).getTime()).toBeGreaterThan(new Date(active.expires_at).getTime())
      await service.restoreHoldExpiry(active.id, active.expires_at)
      const [back] = await service.listHolds({ id: active.id })
      expect(Math.abs(new Date(back.expires_at).getTime() - new Date(active.expires_at).getTime())).toBeLessThan(1)
      // Asked to "restore" a later expiry, it changes nothing.
      await service.restoreHoldExpiry(active.id, new Date(Date.now() + 86_400_000))
      const [same] = await service.listHolds({ id: active.id })
      expect(same.expires_at).toEqual(back.expires_at)
    })
  }),
})
