import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import type { Client } from "pg"
import type ResourceBookingModuleService from "../../src/modules/resource_booking/service"
import * as SQL from "../../src/modules/resource_booking/utils/sql"
import { moduleRunnerConfig } from "../helpers/module"
import { connect, day } from "../helpers/db"

jest.setTimeout(120_000)

const ROWS = 20_000 // 200 resources × 100 days

/** knex `?` placeholders as PostgreSQL's `$n`, to run the module's SQL on a plain client. */
const numbered = (sql: string) => {
  let n = 0
  return sql.replace(/\?/g, () => `$${++n}`)
}

/** Rows a plan read from booking_capacity (returned or filtered out, over all loops). */
function capacityRowsRead(node: any): number {
  const here =
    node["Relation Name"] === SQL.T_CAPACITY || /^(IDX_)?booking_capacity/.test(node["Index Name"] ?? "")
      ? ((node["Actual Rows"] ?? 0) + (node["Rows Removed by Filter"] ?? 0)) * (node["Actual Loops"] ?? 1)
      : 0
  return here + (node.Plans ?? []).reduce((sum: number, child: any) => sum + capacityRowsRead(child), 0)
}

async function rowsRead(db: Client, sql: string, params: unknown[]) {
  await db.query("BEGIN")
  try {
    const { rows } = await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${numbered(sql)}`, params)
    return capacityRowsRead(rows[0]["QUERY PLAN"][0].Plan)
  } finally {
    await db.query("ROLLBACK")
  }
}

moduleIntegrationTestRunner<ResourceBookingModuleService>({
  ...moduleRunnerConfig,
  testSuite: ({ dbConfig }) => {
    // A store that just loaded a season of capacity: the table is big and has
    // no statistics yet (autovacuum has not analyzed it). Hold creation must
    // still read only the rows it books, not the whole table.
    it("hold creation probes the capacity rows it needs, even before the table is analyzed", async () => {
      const db = await connect(dbConfig.clientUrl)
      try {
        await db.query(`ALTER TABLE ${SQL.T_CAPACITY} SET (autovacuum_enabled = false)`)
        await db.query(`
          INSERT INTO ${SQL.T_RESOURCE} (id, title, handle)
            SELECT 'res_p' || r, 'Plan ' || r, 'plan-' || r FROM generate_series(1, 200) r;
          INSERT INTO ${SQL.T_CAPACITY} (id, resource_id, date, max_capacity, available_capacity)
            SELECT 'cap_p' || r || '_' || d, 'res_p' || r, to_char(current_date + d, 'YYYY-MM-DD'), 10, 10
            FROM generate_series(1, 200) r, generate_series(0, ${ROWS / 200 - 1}) d;`)
        const { rows: [stats] } = await db.query(
          `SELECT count(*)::int AS n FROM pg_stats WHERE tablename = $1`,
          [SQL.T_CAPACITY]
        )
        expect(stats.n).toBe(0)

        const items = [
          { resource_id: "res_p7", date: day(5), quantity: 2, id: "hold_plan_1", ord: 0 },
          { resource_id: "res_p8", date: day(6), quantity: 1, id: "hold_plan_2", ord: 1 },
        ]
        const check = await rowsRead(db, SQL.CAPACITY_FOR_ITEMS, [JSON.stringify(items)])
        const insert = await rowsRead(db, SQL.INSERT_HOLDS, [JSON.stringify(items), null, 30, "cart_plan", null, null])
        // At most the two booked resources' own 100 days each, never the
        // table (a join without statistics read all 20,000 rows, twice).
        expect(check).toBeLessThanOrEqual(200)
        expect(insert).toBeLessThanOrEqual(200)
      } finally {
        await db.query(`ALTER TABLE ${SQL.T_CAPACITY} RESET (autovacuum_enabled)`)
        await db.end()
      }
    })
  },
})
