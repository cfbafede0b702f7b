import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { MedusaError } from "@medusajs/framework/utils"
import type { Client } from "pg"
import type ResourceBookingModuleService from "../../src/modules/resource_booking/service"
import { moduleRunnerConfig } from "../helpers/module"
import { connect, day, invariantViolations } from "../helpers/db"
import { resourceWithCapacity } from "../helpers/fixtures"
import { interleave, type PausePoint } from "../helpers/interleave"

jest.setTimeout(120_000)

// The races the per-(resource, date) advisory locks exist for. Concurrent
// holds alone cannot overbook without them (the capacity row's lock and its
// CHECK stop that); what can is an operation that counts holds — setCapacity,
// the cart sync, the safe delete — while another transaction is still
// writing one. Each test forces that order (helpers/interleave.ts), so it
// fails every time the locks are missing; reliability/negative-control.spec.ts
// runs this file with the locks switched off and asserts exactly that.

const held = async (db: Client, resourceId: string, date: string): Promise<number> =>
  (
    await db.query(
      `SELECT coalesce(sum(quantity), 0)::int AS n FROM booking_hold
       WHERE resource_id = $1 AND date = $2 AND status IN ('active', 'confirmed') AND deleted_at IS NULL`,
      [resourceId, date]
    )
  ).rows[0].n

/** Pauses the first operation once it has inserted its hold. */
const HOLD_WRITTEN: PausePoint = { after: "INSERT", table: "booking_hold" }

/** "fulfilled", or the refusal's type (the message when it has none: a database error). */
const outcome = (r: PromiseSettledResult<unknown>) =>
  r.status === "fulfilled" ? "fulfilled" : r.reason?.type ?? String(r.reason?.message ?? r.reason)

moduleIntegrationTestRunner<ResourceBookingModuleService>({
  ...moduleRunnerConfig,
  testSuite: ({ service, dbConfig }) => {
    const D = day(5)
    let db: Client

    beforeEach(async () => {
      db = await connect(dbConfig.clientUrl)
    })
    afterEach(async () => {
      await db.end()
    })

    it("setCapacity waits for a hold being written, so it never hands the hold's seats out again", async () => {
      const r = await resourceWithCapacity(service, [D], 2)
      const race = await interleave(
        db,
        HOLD_WRITTEN,
        () => service.placeHolds([{ resource_id: r.id, date: D, quantity: 2 }]),
        // The same maximum again: an admin saving the capacity form unchanged.
        () => service.setCapacity(r.id, { from: D, to: D, max_capacity: 2 })
      )
      // Whatever setCapacity left available is sold; more than 2 seats is an overbooking.
      const sales = await Promise.allSettled(
        [1, 2].map(() => service.placeHolds([{ resource_id: r.id, date: D, quantity: 1 }]))
      )
      expect({
        outcomes: [outcome(race.first), outcome(race.rival)],
        rival_waited_for: race.rivalWaitedFor,
        later_sales: sales.map(outcome),
        seats_held: await held(db, r.id, D),
        invariant_violations: await invariantViolations(db),
      }).toEqual({
        outcomes: ["fulfilled", "fulfilled"],
        rival_waited_for: "advisory",
        later_sales: [MedusaError.Types.NOT_ALLOWED, MedusaError.Types.NOT_ALLOWED],
        seats_held: 2,
        invariant_violations: [],
      })
    })

    it("setCapacity waits for a release being written, so the released seats are not lost", async () => {
      const r = await resourceWithCapacity(service, [D], 3)
      const [hold] = await service.placeHolds([{ resource_id: r.id, date: D, quantity: 2 }])
      const race = await interleave(
        db,
        { after: "UPDATE", table: "booking_hold", when: "NEW.status = 'released'" },
        () => service.releaseHolds([hold.id]),
        () => service.setCapacity(r.id, { from: D, to: D, max_capacity: 3 })
      )
      const [capacity] = await service.listCapacities({ resource_id: r.id, date: D })
      expect({
        outcomes: [outcome(race.first), outcome(race.rival)],
        rival_waited_for: race.rivalWaitedFor,
        available: capacity.available_capacity,
        invariant_violations: await invariantViolations(db),
      }).toEqual({
        outcomes: ["fulfilled", "fulfilled"],
        rival_waited_for: "advisory",
        available: 3,
        invariant_violations: [],
      })
    })

    it("a second sync of the same cart waits for the first, finds the line covered and holds nothing more", async () => {
      const r = await resourceWithCapacity(service, [D], 10)
      const lines = [{ line_item_id: "cali_1", resource_id: r.id, date: D, slot: "", quantity: 2 }]
      const race = await interleave(
        db,
        HOLD_WRITTEN,
        () => service.syncCartHolds("cart_1", lines),
        () => service.syncCartHolds("cart_1", lines)
      )
      const { rows } = await db.query(
        `SELECT count(*)::int AS holds FROM booking_hold WHERE line_item_id = 'cali_1' AND status = 'active'`
      )
      expect({
        outcomes: [outcome(race.first), outcome(race.rival)],
        rival_waited_for: race.rivalWaitedFor,
        active_holds_of_the_line: rows[0].holds,
        seats_held: await held(db, r.id, D),
        invariant_violations: await invariantViolations(db),
      }).toEqual({
        outcomes: ["fulfilled", "fulfilled"],
        rival_waited_for: "advisory",
        active_holds_of_the_line: 1,
        seats_held: 2,
        invariant_violations: [],
      })
    })

    it("softDeleteResources waits for a hold being written, then refuses: no live hold on a deleted resource", async () => {
      const r = await resourceWithCapacity(service, [D], 2)
      const race = await interleave(
        db,
        HOLD_WRITTEN,
        () => service.placeHolds([{ resource_id: r.id, date: D, quantity: 1 }]),
        () => service.softDeleteResources([r.id])
      )
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM booking_hold h JOIN booking_resource r ON r.id = h.resource_id
         WHERE h.status = 'active' AND r.deleted_at IS NOT NULL`
      )
      expect({
        outcomes: [outcome(race.first), outcome(race.rival)],
        rival_waited_for: race.rivalWaitedFor,
        live_holds_on_deleted_resources: rows[0].n,
      }).toEqual({
        outcomes: ["fulfilled", MedusaError.Types.NOT_ALLOWED],
        rival_waited_for: "advisory",
        live_holds_on_deleted_resources: 0,
      })
    })

    // The same race left to chance: many connections at once on one day.
    const ROUNDS = 20
    const CREATORS = 12
    const ADMINS = 4
    const MAX = 16 // more than the creators take: every hold fits, no refusal is expected

    it(`holds racing setCapacity on one day keep the invariant: ${ROUNDS} rounds of ${CREATORS} holds and ${ADMINS} capacity saves at once`, async () => {
      const dates = Array.from({ length: ROUNDS }, (_, i) => day(i + 1))
      const r = await service.createResources({ title: "Ferry", handle: "ferry" })
      await service.setCapacity(r.id, { from: dates[0], to: dates[ROUNDS - 1], max_capacity: MAX })
      const unexpected: string[] = []
      const broken: unknown[] = []
      let rounds = 0
      for (const date of dates) {
        rounds++
        const ops = [
          ...Array.from({ length: CREATORS }, () => () =>
            service.placeHolds([{ resource_id: r.id, date, quantity: 1 }])
          ),
          ...Array.from({ length: ADMINS }, () => () =>
            service.setCapacity(r.id, { from: date, to: date, max_capacity: MAX })
          ),
        ].sort(() => Math.random() - 0.5)
        for (const result of await Promise.allSettled(ops.map((op) => op()))) {
          if (result.status === "rejected") unexpected.push(`${date}: ${outcome(result)}`)
        }
        broken.push(...(await invariantViolations(db)))
        if (broken.length || unexpected.length) break // the first broken round says it all
      }
      expect({ rounds, invariant_violations: broken, unexpected_errors: unexpected }).toEqual({
        rounds: ROUNDS,
        invariant_violations: [],
        unexpected_errors: [],
      })
      expect(await held(db, r.id, dates[0])).toBe(CREATORS)
    })
  },
})
