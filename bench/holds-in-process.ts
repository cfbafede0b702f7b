import { bootModule } from "./module"
import { invariantBreaks } from "./database"
import { percentile } from "./percentile"
import { dayFromToday, insertSpreadKeys } from "./spread-keys"

export type InProcessRow = { keys: string; clients: number; holds: number; holds_per_s: number; p50: number; p95: number; p99: number; invariant_breaks: number }

/**
 * The plugin's own part of hold creation, without HTTP or a workflow: the
 * module's placeHolds (lock, lazy expiry, check, insert; one transaction)
 * called by `clients` concurrent callers on their own pooled connections.
 * It tells the plugin's cost from Medusa's request pipeline.
 */
export async function benchHoldsInProcess(seconds: number, clientsList: number[]): Promise<InProcessRow[]> {
  const mod = await bootModule("rb_bench_holds", Math.max(...clientsList) + 2)
  try {
    const spread = await insertSpreadKeys(mod.db, "res_")
    const hot = spread.filter(([, date]) => date === dayFromToday(1)).slice(0, 5)
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
              await mod.service.placeHolds([{ resource_id, date, quantity: 1 }], { cart_id: `cart_${c}` })
              ms.push(performance.now() - t)
            }
          })
        )
        const made = (await mod.db.query(`SELECT count(*)::int AS n FROM booking_hold`)).rows[0].n - before
        rows.push({ keys: name, clients, holds: made, holds_per_s: Math.round(made / seconds), p50: percentile(ms, 50), p95: percentile(ms, 95), p99: percentile(ms, 99), invariant_breaks: await invariantBreaks(mod.db as any) })
      }
    }
    return rows
  } finally {
    await mod.close()
  }
}
