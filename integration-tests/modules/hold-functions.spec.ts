import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { placeHoldsInStatements } from "../../bench/statements-path"
import { FUNCTIONS, MOVE_HOLDS_FUNCTION, PLACE_HOLDS_FUNCTION, SYNC_CART_FUNCTION } from "../../src/modules/resource_booking/holds/functions"
import type ResourceBookingModuleService from "../../src/modules/resource_booking/service"
import type { CreateHoldsOptions, HoldItemInput } from "../../src/modules/resource_booking/types"
import { moduleRunnerConfig } from "../helpers/module"
import { available, connect, day, expectInvariant, expireInDb, holdStatuses } from "../helpers/db"
import { resourceWithCapacity } from "../helpers/fixtures"

jest.setTimeout(120_000)

const MAX_PER_CART = 5

/** The body of a CREATE FUNCTION ... AS $function$<body>$function$ as PostgreSQL keeps it (pg_proc.prosrc). */
const bodyOf = (ddl: string) => ddl.slice(ddl.indexOf("$function$") + 10, ddl.lastIndexOf("$function$"))

/** How a call ended: the refusal's type and message, or "held". */
async function outcome(call: () => Promise<unknown>): Promise<string> {
  try {
    await call()
    return "held"
  } catch (e: any) {
    return `${e?.type}: ${e?.message}`
  }
}

moduleIntegrationTestRunner<ResourceBookingModuleService>({
  ...moduleRunnerConfig,
  moduleOptions: { maxQuantityPerCart: MAX_PER_CART },
  testSuite: ({ service, dbConfig }) => {
    // The migrations freeze the functions' text; holds/functions.ts builds it
    // from the statements. A statement changed without `npm run db:functions`
    // would leave every database running the old rule.
    it("the database's functions are what holds/functions.ts builds from the statements", async () => {
      const db = await connect(dbConfig.clientUrl)
      try {
        const { rows } = await db.query(
          `SELECT proname, prosrc, provolatile FROM pg_proc WHERE oid = ANY($1::regprocedure[]) ORDER BY array_position($1::regprocedure[], oid::regprocedure)`,
          [FUNCTIONS.map((f) => f.procedure)]
        )
        const names = [PLACE_HOLDS_FUNCTION, MOVE_HOLDS_FUNCTION, SYNC_CART_FUNCTION]
        expect(rows.map((r) => [r.proname, r.provolatile])).toEqual(names.map((n) => [n, "v"]))
        rows.forEach((row, i) => expect(row.prosrc).toBe(bodyOf(FUNCTIONS[i].ddl)))
      } finally {
        await db.end()
      }
    })

    // Every refusal placeHolds can give, through the function (one round trip)
    // and through the statements it replaced (bench/statements-path.ts): the
    // same type and the same words, and neither changes anything.
    it("the function and the statement-by-statement path refuse alike, in the same words, changing nothing", async () => {
      const D = day(3)
      const plain = await resourceWithCapacity(service, [D], 2)
      const inactive = await resourceWithCapacity(service, [D], 2, { is_active: false })
      const noCapacity = await resourceWithCapacity(service, [], 2)
      const closing = await resourceWithCapacity(service, [day(2)], 2, { cutoff_minutes: 7 * 24 * 60 })
      // 02:30 does not exist in Berlin on 28 March 2027 (the clocks skip it).
      const skipped = await resourceWithCapacity(service, [], 2, { slots: ["02:30"], time_zone: "Europe/Berlin" })
      await service.setCapacity(skipped.id, { from: "2027-03-28", to: "2027-03-28", max_capacity: 2 })
      const capped = await resourceWithCapacity(service, [D], 10, { max_hold_minutes: 60 })
      await service.placeHolds([{ resource_id: capped.id, date: D, quantity: 1 }], { cart_id: "cart_capped" })
      const db = await connect(dbConfig.clientUrl)
      try {
        await db.query(`UPDATE booking_hold SET created_at = created_at - interval '2 hours' WHERE cart_id = 'cart_capped'`)
        const cases: [string, HoldItemInput[], CreateHoldsOptions, RegExp][] = [
          ["no such resource", [{ resource_id: "res_missing", date: D, quantity: 1 }], {}, /not_found: .*was not found/],
          ["inactive", [{ resource_id: inactive.id, date: D, quantity: 1 }], {}, /not active/],
          ["a slot it does not sell", [{ resource_id: plain.id, date: D, slot: "09:00", quantity: 1 }], {}, /slot/],
          ["a day that has passed", [{ resource_id: plain.id, date: day(-1), quantity: 1 }], {}, /that day has passed/],
          ["a start the clocks skip", [{ resource_id: skipped.id, date: "2027-03-28", slot: "02:30", quantity: 1 }], {}, /the clocks skip it/],
          ["a sale closed by its cut-off", [{ resource_id: closing.id, date: day(2), quantity: 1 }], {}, /cutoff_minutes/],
          ["no capacity that day", [{ resource_id: noCapacity.id, date: D, quantity: 1 }], {}, /has no capacity/],
          ["the cart's cap on a hold's life", [{ resource_id: capped.id, date: D, quantity: 1 }], { cart_id: "cart_capped" }, /maxHoldMinutes/],
          ["more than is left", [{ resource_id: plain.id, date: D, quantity: 3 }], {}, /requested 3, available 2/],
          ["more than a cart may hold", [{ resource_id: capped.id, date: D, quantity: MAX_PER_CART + 1 }], { cart_id: "cart_big" }, /maxQuantityPerCart/],
        ]
        const state = async () =>
          (await db.query(`SELECT (SELECT count(*) FROM booking_hold)::int AS holds, (SELECT sum(available_capacity) FROM booking_capacity)::int AS available`)).rows[0]
        const before = await state()
        const seen: [string, string, string][] = []
        for (const [name, items, options] of cases) {
          seen.push([name, await outcome(() => service.placeHolds(items, options)), await outcome(() => placeHoldsInStatements(service, items, options))])
        }
        expect(seen.map(([name, fn]) => [name, fn])).toEqual(seen.map(([name, , statements]) => [name, statements]))
        cases.forEach(([name, , , shows], i) => expect([name, seen[i][1]]).toEqual([name, expect.stringMatching(shows)]))
        expect(await state()).toEqual(before)
      } finally {
        await db.end()
      }
    })

    it("both paths hold alike when there is room", async () => {
      const D = day(3)
      const r = await resourceWithCapacity(service, [D], 3)
      const byFunction = await service.placeHolds([{ resource_id: r.id, date: D, quantity: 1 }], { cart_id: "cart_a", ttlMinutes: 20 })
      const byStatements = await placeHoldsInStatements(service, [{ resource_id: r.id, date: D, quantity: 1 }], { cart_id: "cart_b", ttlMinutes: 20 })
      const shape = (h: any) => ({
        status: h.status,
        quantity: h.quantity,
        ttl_minutes: Math.round((h.expires_at.getTime() - h.created_at.getTime()) / 60_000),
        keys: Object.keys(h).sort(),
      })
      expect(shape(byFunction[0])).toEqual(shape(byStatements[0]))
      expect(byFunction[0].expires_at).toBeInstanceOf(Date)
    })

    // Requests waiting on one key go to PostgreSQL together (holds/place-batch.ts):
    // each still answered as if it had gone alone.
    describe("a hot key's requests, sent together", () => {
      /** Every call's outcome, the calls started at once, as a rush does. */
      const rush = (calls: (() => Promise<unknown>)[]) => Promise.all(calls.map((call) => outcome(call)))

      /** How many transactions wrote these holds: fewer than holds when calls carried several requests. */
      const transactions = async (clientUrl: string, resourceId: string) => {
        const db = await connect(clientUrl)
        try {
          const { rows } = await db.query(
            `SELECT count(*)::int AS holds, count(DISTINCT xmin::text)::int AS transactions FROM booking_hold WHERE resource_id = $1`,
            [resourceId]
          )
          return rows[0]
        } finally {
          await db.end()
        }
      }

      it("sells exactly what there is, refusing the rest in the words a lone request gets", async () => {
        const D = day(4)
        const r = await resourceWithCapacity(service, [D], 30)
        const seen = await rush(Array.from({ length: 60 }, () => () => service.placeHolds([{ resource_id: r.id, date: D, quantity: 1 }])))
        expect(seen.filter((o) => o === "held")).toHaveLength(30)
        expect(seen.filter((o) => o !== "held")).toEqual(
          Array(30).fill(expect.stringMatching(/^not_allowed: Not enough capacity .* requested 1, available 0$/))
        )
        const db = await connect(dbConfig.clientUrl)
        try {
          expect(await available(db, r.id, D)).toBe(0)
        } finally {
          await db.end()
        }
        const written = await transactions(dbConfig.clientUrl, r.id)
        expect(written.holds).toBe(30)
        expect(written.transactions).toBeLessThan(30)
        await expectInvariant(dbConfig.clientUrl)
      })

      it("counts what a cart took earlier in the same call against its maxQuantityPerCart", async () => {
        const D = day(4)
        const r = await resourceWithCapacity(service, [D], 100)
        const seen = await rush(
          Array.from({ length: 12 }, () => () => service.placeHolds([{ resource_id: r.id, date: D, quantity: 1 }], { cart_id: "cart_greedy" }))
        )
        expect(seen.filter((o) => o === "held")).toHaveLength(MAX_PER_CART)
        expect(seen.filter((o) => o !== "held")).toEqual(Array(12 - MAX_PER_CART).fill(expect.stringMatching(/maxQuantityPerCart/)))
        expect((await transactions(dbConfig.clientUrl, r.id)).transactions).toBeLessThan(MAX_PER_CART)
      })

      it("keeps one request's failure its own: the others in its call still hold", async () => {
        const D = day(4)
        const r = await resourceWithCapacity(service, [D], 50)
        const db = await connect(dbConfig.clientUrl)
        try {
          // A failure that is no refusal, for one cart's insert only.
          await db.query(`CREATE FUNCTION test_poison() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.cart_id = 'cart_poison' THEN RAISE EXCEPTION 'poisoned insert'; END IF; RETURN NEW; END $$`)
          await db.query(`CREATE TRIGGER test_poison BEFORE INSERT ON booking_hold FOR EACH ROW EXECUTE FUNCTION test_poison()`)
          // The first calls go at once, alone; those behind them wait and go together, the poisoned one among them.
          const seen = await rush(
            Array.from({ length: 20 }, (_, i) => () =>
              service.placeHolds([{ resource_id: r.id, date: D, quantity: 1 }], { cart_id: i === 10 ? "cart_poison" : `cart_${i}` })
            )
          )
          expect(seen[10]).toMatch(/poisoned insert/)
          expect(seen.filter((o) => o === "held")).toHaveLength(19)
          expect(await available(db, r.id, D)).toBe(31)
        } finally {
          await db.query(`DROP TRIGGER IF EXISTS test_poison ON booking_hold; DROP FUNCTION IF EXISTS test_poison()`)
          await db.end()
        }
        await expectInvariant(dbConfig.clientUrl)
      })

      it("changes nothing when no request of a call took anything, not even the lazy expiry", async () => {
        const D = day(4)
        const r = await resourceWithCapacity(service, [D], 2)
        const [overdue] = await service.placeHolds([{ resource_id: r.id, date: D, quantity: 2 }])
        const db = await connect(dbConfig.clientUrl)
        try {
          await expireInDb(db, [overdue.id])
          const seen = await rush(Array.from({ length: 10 }, () => () => service.placeHolds([{ resource_id: r.id, date: D, quantity: 3 }])))
          expect(seen).toEqual(Array(10).fill(expect.stringMatching(/requested 3, available 2/)))
          expect(await holdStatuses(db, [overdue.id])).toEqual({ [overdue.id]: "active" })
          expect(await available(db, r.id, D)).toBe(0)
        } finally {
          await db.end()
        }
      })
    })
  },
})
