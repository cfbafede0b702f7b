import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import type { Client } from "pg"
import type ResourceBookingModuleService from "../../src/modules/resource_booking/service"
import * as HoldSQL from "../../src/modules/resource_booking/holds/sql"
import { LOCK_AND_EXPIRE_FOR_KEYS } from "../../src/modules/resource_booking/locks/sql"
import * as T from "../../src/modules/resource_booking/models/tables"
import { moduleRunnerConfig } from "../helpers/module"
import { connect, day } from "../helpers/db"

jest.setTimeout(120_000)

const ROWS = 20_000 // 200 resources × 100 days

/** knex `?` placeholders as PostgreSQL's `$n`, to run the module's SQL on a plain client. */
const numbered = (sql: string) => {
  let n = 0
  return sql.replace(/\?/g, () => `$${++n}`)
}

/** Rows a plan read from `table` (returned or filtered out, over all loops). */
function tableRowsRead(node: any, table: string): number {
  const here =
    node["Relation Name"] === table || new RegExp(`^(IDX_)?${table}`).test(node["Index Name"] ?? "")
      ? ((node["Actual Rows"] ?? 0) + (node["Rows Removed by Filter"] ?? 0)) * (node["Actual Loops"] ?? 1)
      : 0
  return here + (node.Plans ?? []).reduce((sum: number, child: any) => sum + tableRowsRead(child, table), 0)
}

async function rowsRead(db: Client, sql: string, params: unknown[], table: string = T.T_CAPACITY) {
  await db.query("BEGIN")
  try {
    const { rows } = await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${numbered(sql)}`, params)
    return tableRowsRead(rows[0]["QUERY PLAN"][0].Plan, table)
  } finally {
    await db.query("ROLLBACK")
  }
}

/**
 * Runs `work` on its own connection with autovacuum off for `table`: the
 * moment between a bulk write and the autovacuum that follows it.
 */
async function beforeAutovacuum(clientUrl: string, table: string, work: (db: Client) => Promise<void>) {
  const db = await connect(clientUrl)
  try {
    await db.query(`ALTER TABLE ${table} SET (autovacuum_enabled = false)`)
    await work(db)
  } finally {
    await db.query(`ALTER TABLE ${table} RESET (autovacuum_enabled)`)
    await db.end()
  }
}

moduleIntegrationTestRunner<ResourceBookingModuleService>({
  ...moduleRunnerConfig,
  testSuite: ({ service, dbConfig }) => {
    // A store that just loaded a season of capacity: the table is big and has
    // no statistics yet (autovacuum has not analyzed it). Hold creation must
    // still read only the rows it books, not the whole table.
    it("hold creation probes the capacity rows it needs, even before the table is analyzed", async () => {
      await beforeAutovacuum(dbConfig.clientUrl, T.T_CAPACITY, async (db) => {
        await db.query(`
          INSERT INTO ${T.T_RESOURCE} (id, title, handle)
            SELECT 'res_p' || r, 'Plan ' || r, 'plan-' || r FROM generate_series(1, 200) r;
          INSERT INTO ${T.T_CAPACITY} (id, resource_id, date, max_capacity, available_capacity)
            SELECT 'cap_p' || r || '_' || d, 'res_p' || r, to_char(current_date + d, 'YYYY-MM-DD'), 10, 10
            FROM generate_series(1, 200) r, generate_series(0, ${ROWS / 200 - 1}) d;`)
        const { rows: [stats] } = await db.query(
          `SELECT count(*)::int AS n FROM pg_stats WHERE tablename = $1`,
          [T.T_CAPACITY]
        )
        expect(stats.n).toBe(0)

        const items = [
          { resource_id: "res_p7", date: day(5), quantity: 2, id: "hold_plan_1", ord: 0 },
          { resource_id: "res_p8", date: day(6), quantity: 1, id: "hold_plan_2", ord: 1 },
        ]
        // The request: cart, TTL, default TTL, default cap, capped, most per cart, zone, cut-offs apply, items.
        const request = ["cart_plan", null, 30, 60, true, 50, "UTC", true, JSON.stringify(items)]
        const check = await rowsRead(db, HoldSQL.CAPACITY_FOR_ITEMS, request)
        const insert = await rowsRead(db, HoldSQL.INSERT_HOLDS, [...request, null, null])
        // At most the two booked resources' own 100 days each, never the
        // table (a join without statistics read all 20,000 rows, twice).
        expect(check).toBeLessThanOrEqual(200)
        expect(insert).toBeLessThanOrEqual(200)
      })
    })

    // Right after a big sweep, the expiry index still has an entry for every
    // hold it expired until VACUUM runs. Lazy expiry, which every create,
    // confirm, release and extend does first, must not walk them.
    it("lazy expiry reads the key's own holds, not every hold a sweep just expired", async () => {
      await beforeAutovacuum(dbConfig.clientUrl, T.T_HOLD, async (db) => {
        await db.query(`
          INSERT INTO ${T.T_RESOURCE} (id, title, handle)
            SELECT 'res_e' || r, 'Expiry ' || r, 'expiry-' || r FROM generate_series(1, 200) r;
          INSERT INTO ${T.T_CAPACITY} (id, resource_id, date, max_capacity, available_capacity)
            SELECT 'cap_e' || r, 'res_e' || r, '${day(5)}', 1000, 1000 - 100 FROM generate_series(1, 200) r;
          INSERT INTO ${T.T_HOLD} (id, resource_id, date, quantity, status, expires_at)
            SELECT 'hold_e' || g, 'res_e' || (g % 200 + 1), '${day(5)}', 1, 'active', now() - interval '1 minute'
            FROM generate_series(0, ${ROWS - 1}) g;
          ANALYZE;`)
        const swept = await service.cleanupExpiredHolds({ batchSize: 5000 })
        expect(swept.expired_count).toBe(ROWS)

        const keys = JSON.stringify([{ resource_id: "res_e7", date: day(5), slot: "" }])
        const resources = JSON.stringify([{ resource_id: "res_e7", exclusive: false }])
        const read = await rowsRead(db, LOCK_AND_EXPIRE_FOR_KEYS, [resources, keys, keys], T.T_HOLD)
        // The key's own 100 holds, each seen a few times (dead index entries,
        // the update's re-check), against 20,000 entries of the expiry index.
        expect(read).toBeLessThanOrEqual(500)
      })
    })

    // A ticket rush: one key holds thousands of live holds at once (carts
    // checking out). Every hold on it expires the key's overdue holds first;
    // that must read the overdue ones, not every live one each time.
    it("lazy expiry on a hot key reads its overdue holds, not its thousands of live ones", async () => {
      await beforeAutovacuum(dbConfig.clientUrl, T.T_HOLD, async (db) => {
        await db.query(`
          INSERT INTO ${T.T_RESOURCE} (id, title, handle) VALUES ('res_hot', 'Hot', 'hot');
          INSERT INTO ${T.T_CAPACITY} (id, resource_id, date, max_capacity, available_capacity)
            VALUES ('cap_hot', 'res_hot', '${day(5)}', ${ROWS * 2}, ${ROWS - 3});
          INSERT INTO ${T.T_HOLD} (id, resource_id, date, quantity, status, expires_at)
            SELECT 'hold_h' || g, 'res_hot', '${day(5)}', 1, 'active',
              CASE WHEN g <= 3 THEN now() - interval '1 minute' ELSE now() + interval '15 minutes' END
            FROM generate_series(1, ${ROWS + 3}) g;
          -- The rest of the store: 200 other tours, each with holds of its own, some overdue.
          INSERT INTO ${T.T_RESOURCE} (id, title, handle)
            SELECT 'res_o' || r, 'Other ' || r, 'other-' || r FROM generate_series(1, 200) r;
          INSERT INTO ${T.T_HOLD} (id, resource_id, date, quantity, status, expires_at)
            SELECT 'hold_o' || g, 'res_o' || (g % 200 + 1), '${day(5)}', 1, 'active', now() + make_interval(mins => g % 30 - 10)
            FROM generate_series(1, ${ROWS}) g;
          ANALYZE;`)
        const keys = JSON.stringify([{ resource_id: "res_hot", date: day(5), slot: "" }])
        const resources = JSON.stringify([{ resource_id: "res_hot", exclusive: false }])
        await db.query("BEGIN")
        try {
          const { rows } = await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${numbered(LOCK_AND_EXPIRE_FOR_KEYS)}`, [resources, keys, keys])
          const plan = rows[0]["QUERY PLAN"][0].Plan
          // Three overdue holds, each seen a few times, against 20,003 live ones.
          expect(tableRowsRead(plan, T.T_HOLD)).toBeLessThanOrEqual(30)
          expect(JSON.stringify(plan)).toContain("IDX_booking_hold_active_key_expires_at")
        } finally {
          await db.query("ROLLBACK")
        }
      })
    })

    // A store's history: every cart that ever held. A cart's hold judges its
    // cap from the cart's first hold on the key; that must read the cart's own
    // holds, not every hold ever made (it read the whole table, and the plan's
    // cost then set off JIT compilation: 1.3 s a hold at 2,000,000 rows).
    it("a cart's hold and its extension read the cart's own holds, not the table's history", async () => {
      await beforeAutovacuum(dbConfig.clientUrl, T.T_HOLD, async (db) => {
        await db.query(`
          INSERT INTO ${T.T_RESOURCE} (id, title, handle) VALUES ('res_c1', 'Cart plan', 'cart-plan');
          INSERT INTO ${T.T_CAPACITY} (id, resource_id, date, max_capacity, available_capacity)
            VALUES ('cap_c1', 'res_c1', '${day(5)}', 100, 99);
          INSERT INTO ${T.T_HOLD} (id, resource_id, date, quantity, status, expires_at, cart_id)
            SELECT 'hold_c' || g, 'res_c1', '${day(5)}', 1, 'released', now() - interval '1 day', 'cart_old' || g
            FROM generate_series(1, ${ROWS}) g;
          INSERT INTO ${T.T_HOLD} (id, resource_id, date, quantity, status, expires_at, cart_id)
            VALUES ('hold_c_mine', 'res_c1', '${day(5)}', 1, 'active', now() + interval '10 minutes', 'cart_mine');
          ANALYZE;`)
        const items = [{ resource_id: "res_c1", date: day(5), quantity: 1, id: "hold_c_new", ord: 0 }]
        const request = ["cart_mine", null, 30, 60, true, 50, "UTC", true, JSON.stringify(items)]
        expect(await rowsRead(db, HoldSQL.INSERT_HOLDS, [...request, null, null], T.T_HOLD)).toBeLessThanOrEqual(10)
        expect(await rowsRead(db, HoldSQL.EXTEND_HOLD, [5, "hold_c_mine", 5, 60], T.T_HOLD)).toBeLessThanOrEqual(10)
      })
    })
  },
})
