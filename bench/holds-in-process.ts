import { bootModule } from "./module"
import { invariantBreaks } from "./app"

export type InProcessRow = { keys: string; clients: number; holds: number; holds_per_s: number; p50: number; p95: number; p99: number; invariant_breaks: number }

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] * 10) / 10 : 0
}

/**
 * The plugin's own part of hold creation, without HTTP or a workflow: the
 * module's createHolds (lock, lazy expiry, check, insert; one transaction)
 * called by `clients` concurrent callers on their own pooled connections.
 * It tells the plugin's cost from Medusa's request pipeline.
 */
export async function benchHoldsInProcess(seconds: number, clientsList: number[]): Promise<InProcessRow[]> {
  const mod = await bootModule("rb_bench_holds", Math.max(...clientsList) + 2)
  try {
    await mod.db.query(`
      INSERT INTO booking_resource (id, title, handle) SELECT 'res_' || r, 'Resource ' || r, 'r-' || r FROM generate_series(1, 1000) r;
      INSERT INTO booking_capacity (id, resource_id, date, max_capacity, available_capacity)
        SELECT 'cap_' || r || '_' || d, 'res_' || r, to_char(current_date + d, 'YYYY-MM-DD'), 1000000, 1000000
        FROM generate_series(1, 1000) r, generate_series(0, 29) d;
      ANALYZE;`) // as autovacuum would soon: without statistics the planner scans all 30,000 rows
    const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10)
    const hot = Array.from({ length: 5 }, (_, r) => [`res_${r + 1}`, day(1)])
    const spread = Array.from({ length: 1000 }, (_, r) => Array.from({ length: 30 }, (_, d) => [`res_${r + 1}`, day(d)])).flat()
    const rows: InProcessRow[] = []
    for (const [name, keys] of [["hot (5 × 1)", hot], ["spread (1,000 × 30)", spread]] as const) {
      for (const clients of clientsList) {
        const before = (await mod.db.query(`SELECT count(*)::int AS n FROM booking_hold`)).rows[0].n
        const ms: number[] = []
        let i = 0
        const end = Date.now() + seconds * 1000
        await Promise.all(
          Array.from({ length: clients }, async (_, c) => {
            while (Date.now() < end) {
              const [resource_id, date] = keys[i++ % keys.length]
              const t = performance.now()
              await mod.service.createHolds([{ resource_id, date, quantity: 1 }], { cart_id: `cart_${c}` })
              ms.push(performance.now() - t)
            }
          })
        )
        const made = (await mod.db.query(`SELECT count(*)::int AS n FROM booking_hold`)).rows[0].n - before
        rows.push({ keys: name, clients, holds: made, holds_per_s: Math.round(made / seconds), p50: pct(ms, 50), p95: pct(ms, 95), p99: pct(ms, 99), invariant_breaks: await invariantBreaks(mod.db as any) })
      }
    }
    return rows
  } finally {
    await mod.close()
  }
}
