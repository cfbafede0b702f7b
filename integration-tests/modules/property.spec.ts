import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { MedusaError } from "@medusajs/framework/utils"
import fc from "fast-check"
import type { Client } from "pg"
import type ResourceBookingModuleService from "../../src/modules/resource_booking/service"
import { moduleRunnerConfig } from "../helpers/module"
import { connect, day, invariantViolations } from "../helpers/db"

jest.setTimeout(600_000)

// Random concurrent load against the invariant of docs/design.md §1.3. Reproduce a failure
// with FC_SEED=<seed printed by fast-check> (and FC_PATH for the shrunk case).
const RUNS = Number(process.env.PROPERTY_RUNS || 40)
const CLIENTS = 4
const OPS_PER_CLIENT = 20
const RESOURCES = 3
const DAYS = 3
// Resource 0 is sold by the slot: its two slots of a day are separate keys
// that must never share capacity. The others are booked by the day.
const SLOTS = ["09:00", "14:00"]
const slotOf = (r: number, s: number) => (r === 0 ? SLOTS[s % SLOTS.length] : "")

type Op =
  | { kind: "create"; items: { r: number; d: number; s: number; q: number }[] }
  | { kind: "confirm" | "release" | "cancel" | "timeTravel"; pick: number }
  | { kind: "extend"; pick: number; minutes: number }
  | { kind: "setCapacity"; r: number; from: number; span: number; max: number }
  | { kind: "sweep"; batch: number }
  | { kind: "schedule"; r: number; days: number; capacity: number }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("create" as const), items: fc.array(fc.record({ r: fc.nat(RESOURCES - 1), d: fc.nat(DAYS - 1), s: fc.nat(SLOTS.length - 1), q: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("confirm" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("release" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("cancel" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("timeTravel" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("extend" as const), pick: fc.nat(), minutes: fc.integer({ min: 1, max: 60 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("setCapacity" as const), r: fc.nat(RESOURCES - 1), from: fc.nat(DAYS - 1), span: fc.nat(DAYS - 1), max: fc.integer({ min: 0, max: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("sweep" as const), batch: fc.integer({ min: 1, max: 5 }) }) },
  // A weekly schedule written out over the same days while holds come and go: a
  // bitmask of weekdays (0: the schedule removed), each day's capacity.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("schedule" as const), r: fc.nat(RESOURCES - 1), days: fc.nat(127), capacity: fc.integer({ min: 0, max: 8 }) }) }
)

const EXPECTED_REFUSALS = new Set<string>([
  MedusaError.Types.NOT_ALLOWED,
  MedusaError.Types.NOT_FOUND,
])

moduleIntegrationTestRunner<ResourceBookingModuleService>({
  ...moduleRunnerConfig,
  testSuite: ({ service, dbConfig }) => {
    it(`keeps the invariant under ${RUNS} rounds of ${CLIENTS} concurrent clients and 2 sweepers`, async () => {
      const db: Client = await connect(dbConfig.clientUrl)
      try {
        // Every status change of every hold, to prove none changes twice.
        await db.query(`
          CREATE TABLE hold_audit (hold_id text, old_status text, new_status text);
          CREATE FUNCTION audit_hold() RETURNS trigger AS $$
          BEGIN INSERT INTO hold_audit VALUES (NEW.id, OLD.status, NEW.status); RETURN NEW; END $$ LANGUAGE plpgsql;
          CREATE TRIGGER audit_hold AFTER UPDATE OF status ON booking_hold
            FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION audit_hold();`)

        const resources: string[] = []
        for (let i = 0; i < RESOURCES; i++) {
          // A horizon just past the days the clients book, so a schedule writes few rows.
          const r = await service.createResources({ title: `Resource ${i}`, handle: `resource-${i}`, slots: i === 0 ? SLOTS : [], booking_horizon_days: DAYS + 2 })
          await service.setCapacity(r.id, { from: day(1), to: day(DAYS), max_capacity: 5 })
          resources.push(r.id)
        }
        const holdIds: string[] = []
        let operations = 0
        const unexpected: string[] = []

        const run = async (op: Op) => {
          operations++
          const pick = (n: number) => holdIds[n % holdIds.length]
          try {
            switch (op.kind) {
              case "create": {
                const holds = await service.placeHolds(
                  op.items.map((i) => ({ resource_id: resources[i.r], date: day(i.d + 1), slot: slotOf(i.r, i.s), quantity: i.q }))
                )
                holdIds.push(...holds.map((h) => h.id))
                return
              }
              case "confirm":
                if (holdIds.length) await service.confirmHolds([pick(op.pick)], { order_id: "order_x" })
                return
              case "release":
                if (holdIds.length) await service.releaseHolds([pick(op.pick)])
                return
              case "cancel":
                if (holdIds.length) await service.cancelHolds([pick(op.pick)])
                return
              case "extend":
                if (holdIds.length) await service.extendHold(pick(op.pick), op.minutes)
                return
              case "timeTravel":
                if (holdIds.length)
                  await db.query(`UPDATE booking_hold SET expires_at = now() - interval '1 minute' WHERE id = $1`, [pick(op.pick)])
                return
              case "setCapacity": {
                const from = op.from + 1
                const to = Math.min(DAYS, from + op.span)
                await service.setCapacity(resources[op.r], { from: day(from), to: day(to), max_capacity: op.max })
                return
              }
              case "sweep":
                await service.cleanupExpiredHolds({ batchSize: op.batch })
                return
              case "schedule": {
                const weekdays = [1, 2, 3, 4, 5, 6, 7].filter((d) => op.days & (1 << (d - 1)))
                await service.setSchedule(resources[op.r], { rules: weekdays.length ? [{ weekdays, capacity: op.capacity }] : [] })
                // Days set by hand go back to it now and then.
                if (op.capacity % 3 === 0) await service.followSchedule(resources[op.r], { from: day(1), to: day(DAYS) })
                return
              }
            }
          } catch (e: any) {
            if (!EXPECTED_REFUSALS.has(e?.type)) {
              unexpected.push(`${op.kind}: ${e?.message ?? e}`)
            }
          }
        }

        await fc.assert(
          fc.asyncProperty(fc.array(fc.array(opArb, { minLength: OPS_PER_CLIENT, maxLength: OPS_PER_CLIENT }), { minLength: CLIENTS, maxLength: CLIENTS }), async (clients) => {
            const sweepers = [1, 2].map(() => service.cleanupExpiredHolds({ batchSize: 3 }))
            await Promise.all([
              ...clients.map(async (ops) => {
                for (const op of ops) await run(op)
              }),
              ...sweepers.map(async (s) => {
                const result = await s
                if (result.error) unexpected.push(`sweep: ${result.error}`)
              }),
            ])
            // One expectation, so that a failing round shows both.
            expect({ invariant_violations: await invariantViolations(db), unexpected_errors: unexpected }).toEqual({
              invariant_violations: [],
              unexpected_errors: [],
            })
            // Each hold leaves active once, and a confirmed one may be canceled once: nothing else.
            const twice = await db.query(`
              SELECT hold_id, old_status, count(*)::int AS n FROM hold_audit GROUP BY 1, 2 HAVING count(*) > 1`)
            expect(twice.rows).toEqual([])
            const illegal = await db.query(`
              SELECT * FROM hold_audit
              WHERE old_status <> 'active' AND NOT (old_status = 'confirmed' AND new_status = 'canceled')`)
            expect(illegal.rows).toEqual([])
          }),
          {
            numRuns: RUNS,
            seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined,
            path: process.env.FC_PATH,
            endOnFailure: true,
            // The failing round's own message in the report, not only as its
            // `cause` (which jest's --json output leaves out).
            includeErrorInReport: true,
          }
        )
        // The load really ran: thousands of operations and every kind of transition.
        expect(operations).toBeGreaterThanOrEqual(RUNS * CLIENTS * OPS_PER_CLIENT)
        const slotted = await db.query(`SELECT DISTINCT slot FROM booking_hold WHERE resource_id = $1 ORDER BY 1`, [resources[0]])
        expect(slotted.rows.map((r) => r.slot)).toEqual(SLOTS)
        const kinds = await db.query(`SELECT DISTINCT new_status FROM hold_audit ORDER BY 1`)
        expect(kinds.rows.map((r) => r.new_status)).toEqual(["canceled", "confirmed", "expired", "released"])
      } finally {
        await db.end()
      }
    })
  },
})
