import type { Client } from "pg"
import type ResourceBookingModuleService from "../src/modules/resource_booking/service"
import { perRowSweep } from "./baseline"
import { seed, verify } from "./fixtures"

export type SweepRow = {
  n: number
  algorithm: string
  sweepers: number
  expired: number
  wall_ms: number
  holds_per_s: number
  peak_rss_mb?: number
  correct: boolean
  note?: string
}

/** Samples this process's RSS while `work` runs; returns the peak in MB. */
async function peakRss<T>(work: () => Promise<T>): Promise<[T, number]> {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5)
  try {
    const result = await work()
    peak = Math.max(peak, process.memoryUsage().rss)
    return [result, Math.round(peak / 1024 / 1024)]
  } finally {
    clearInterval(timer)
  }
}

export async function benchSweep(
  service: ResourceBookingModuleService,
  db: Client,
  opts: { sizes: number[]; sweepers: number[]; baselineMs: number; batchSize: number; repeats?: number; log?: (s: string) => void }
): Promise<SweepRow[]> {
  const rows: SweepRow[] = []
  const log = opts.log ?? (() => {})
  for (const n of opts.sizes) {
    // The plugin, one sweeper: the median of `repeats` runs, each on fresh
    // data (one run on a shared 2-core machine can be off by a quarter).
    const runs: { ms: number; rss: number; expired: number; ok: boolean }[] = []
    for (let r = 0; r < (opts.repeats ?? 1); r++) {
      await seed(db, n)
      const started = performance.now()
      const [result, rss] = await peakRss(() => service.cleanupExpiredHolds({ batchSize: opts.batchSize }))
      const ms = performance.now() - started
      const check = await verify(db, n, n, result.expired_count)
      runs.push({ ms, rss, expired: result.expired_count, ok: check.ok && !result.error })
      log(`N=${n} plugin: ${Math.round(ms)} ms ${check.ok ? "ok" : JSON.stringify(check)}`)
    }
    const median = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)]
    rows.push({
      n,
      algorithm: "plugin (set-based)",
      sweepers: 1,
      expired: median.expired,
      wall_ms: Math.round(median.ms),
      holds_per_s: Math.round((n / median.ms) * 1000),
      peak_rss_mb: Math.max(...runs.map((r) => r.rss)),
      correct: runs.every((r) => r.ok),
      note: runs.length > 1 ? `median of ${runs.length} runs: ${runs.map((r) => Math.round(r.ms)).join(", ")} ms` : undefined,
    })

    // Several sweepers at once, on the same data.
    for (const k of opts.sweepers) {
      await seed(db, n)
      const t0 = performance.now()
      const results = await Promise.all(
        Array.from({ length: k }, () => service.cleanupExpiredHolds({ batchSize: opts.batchSize }))
      )
      const kms = performance.now() - t0
      const total = results.reduce((a, r) => a + r.expired_count, 0)
      const kcheck = await verify(db, n, n, total)
      rows.push({ n, algorithm: "plugin (set-based)", sweepers: k, expired: total, wall_ms: Math.round(kms), holds_per_s: Math.round((n / kms) * 1000), correct: kcheck.ok && results.every((r) => !r.error) })
      log(`N=${n} plugin ×${k}: ${Math.round(kms)} ms ${kcheck.ok ? "ok" : JSON.stringify(kcheck)}`)
    }

    // The per-row baseline on the same data (time-bounded for big N).
    await seed(db, n)
    const base = await perRowSweep(db, opts.baselineMs)
    const bcheck = await verify(db, n, base.expired, base.expired)
    rows.push({
      n,
      algorithm: "per-row baseline",
      sweepers: 1,
      expired: base.expired,
      wall_ms: Math.round(base.ms),
      holds_per_s: Math.round((base.expired / base.ms) * 1000),
      correct: bcheck.ok,
      note: base.complete ? undefined : `stopped after ${opts.baselineMs / 1000} s: rate from ${base.expired} holds`,
    })
    log(`N=${n} baseline: ${base.expired} in ${Math.round(base.ms)} ms ${bcheck.ok ? "ok" : JSON.stringify(bcheck)}`)
  }
  return rows
}
