import fs from "fs"
import path from "path"
import { Client } from "pg"
import type ResourceBookingModuleService from "../src/modules/resource_booking/service"
import { invariantBreaks } from "./database"
import { latencyProxy } from "./latency-proxy"
import { describeMachine, machine } from "./machine"
import { bootModule } from "./module"
import { percentile } from "./percentile"
import { databaseUrl } from "../integration-tests/helpers/run"

// `npm run bench:rush`: a ticket rush on one key. The module talks to
// PostgreSQL through a proxy that delays each direction by RUSH_DELAY_MS
// (default 1 ms, a database across a network), and directly (no delay) for
// comparison. In one run per delay: CALLERS concurrent callers of placeHolds
// on ONE key with ample capacity, the same callers on as many spread keys,
// one caller alone (its hold's latency), and a sell-out: SHOPPERS shoppers at
// once for UNITS units of one key (exactly UNITS sold, every other answer a
// refusal). The hot key's lock is held from the lock to the commit, so its
// rate is capped by the round trips inside that span.

const DELAY_MS = Number(process.env.RUSH_DELAY_MS ?? 1)
const SECONDS = Number(process.env.RUSH_SECONDS ?? 10)
const CALLERS = 64
const SHOPPERS = 2000
const UNITS = 500

export type RushSide = { callers: number; holds: number; refused: number; ms: number; holds_per_s: number; p50_ms: number; p99_ms: number }
export type SellOut = {
  shoppers: number
  units: number
  sold: number
  refused: number
  other_errors: number
  p50_ms: number
  p99_ms: number
  sold_out_ms: number
  correct: boolean
}
export type RushRun = {
  delay_ms: number
  /** A `SELECT 1` round trip through the same path, median of 50. */
  rtt_ms: number
  hot: RushSide
  spread: RushSide
  one_caller: RushSide
  sell_out: SellOut
  invariant_breaks: number
}

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)

/** `callers` loops of `work` for `seconds`, each timing its calls; refusals (400s) counted apart. */
async function loops(callers: number, seconds: number, work: (caller: number) => Promise<unknown>): Promise<RushSide> {
  const latencies: number[] = []
  let refused = 0
  const t0 = performance.now()
  const deadline = t0 + seconds * 1000
  await Promise.all(
    Array.from({ length: callers }, async (_, i) => {
      while (performance.now() < deadline) {
        const s = performance.now()
        try {
          await work(i)
          latencies.push(performance.now() - s)
        } catch (e: any) {
          if (e?.type !== "not_allowed") throw e
          refused++
        }
      }
    })
  )
  const ms = performance.now() - t0
  return {
    callers,
    holds: latencies.length,
    refused,
    ms: Math.round(ms),
    holds_per_s: Math.round((latencies.length / ms) * 1000),
    p50_ms: percentile(latencies, 50),
    p99_ms: percentile(latencies, 99),
  }
}

async function rtt(url: string): Promise<number> {
  const c = new Client({ connectionString: url })
  await c.connect()
  try {
    const xs: number[] = []
    for (let i = 0; i < 50; i++) {
      const s = performance.now()
      await c.query("SELECT 1")
      xs.push(performance.now() - s)
    }
    return percentile(xs, 50)
  } finally {
    await c.end()
  }
}

async function resource(service: ResourceBookingModuleService, handle: string, capacity: number): Promise<string> {
  const r = await service.createResources({ title: handle, handle })
  await service.setCapacity(r.id, { from: tomorrow(), to: tomorrow(), max_capacity: capacity })
  return r.id
}

export async function rushAt(delayMs: number, log: (s: string) => void): Promise<RushRun> {
  const target = new URL(databaseUrl("postgres"))
  const proxy = delayMs > 0 ? await latencyProxy({ host: target.hostname, port: Number(target.port || 5432) }, delayMs) : null
  // The migrations run direct; the module's every connection goes through the proxy.
  const via = (url: string) => {
    if (!proxy) return url
    const x = new URL(url)
    x.hostname = "127.0.0.1"
    x.port = String(proxy.port)
    return x.toString()
  }
  const run = await bootModule(`rb_bench_rush_${String(delayMs).replace(".", "_")}`, CALLERS + 4, via)
  try {
    const service = run.service
    const date = tomorrow()
    const hot = await resource(service, "rush-hot", 1_000_000)
    const spread = await Promise.all(Array.from({ length: CALLERS }, (_, i) => resource(service, `rush-spread-${i}`, 1_000_000)))
    const sellOut = await resource(service, "rush-sell-out", UNITS)
    const place = (resource_id: string) => service.placeHolds([{ resource_id, date, quantity: 1 }])
    // Warm the pool: every connection opened before timing.
    await Promise.all(Array.from({ length: CALLERS }, (_, i) => place(spread[i])))

    const measured = await rtt(via(run.clientUrl))
    log(`delay ${delayMs} ms each way: SELECT 1 round trip ${measured} ms`)
    const hotSide = await loops(CALLERS, SECONDS, () => place(hot))
    log(`  hot key, ${CALLERS} callers: ${hotSide.holds_per_s} holds/s, p50 ${hotSide.p50_ms} ms, p99 ${hotSide.p99_ms} ms`)
    const spreadSide = await loops(CALLERS, SECONDS, (i) => place(spread[i]))
    log(`  ${CALLERS} spread keys: ${spreadSide.holds_per_s} holds/s, p50 ${spreadSide.p50_ms} ms, p99 ${spreadSide.p99_ms} ms`)
    const oneSide = await loops(1, Math.max(2, SECONDS / 2), () => place(spread[0]))
    log(`  one caller: ${oneSide.holds_per_s} holds/s, p50 ${oneSide.p50_ms} ms`)

    // The sell-out: every shopper at once, one unit each.
    const latencies: number[] = []
    let sold = 0
    let refused = 0
    let other = 0
    let soldOutAt = 0
    const t0 = performance.now()
    await Promise.all(
      Array.from({ length: SHOPPERS }, async () => {
        const s = performance.now()
        try {
          await place(sellOut)
          if (++sold === UNITS) soldOutAt = performance.now() - t0
        } catch (e: any) {
          if (e?.type === "not_allowed") refused++
          else other++
        }
        latencies.push(performance.now() - s)
      })
    )
    const held = (
      await run.db.query(`SELECT coalesce(sum(quantity), 0)::int AS n FROM booking_hold WHERE resource_id = $1 AND status = 'active'`, [sellOut])
    ).rows[0].n as number
    const sell: SellOut = {
      shoppers: SHOPPERS,
      units: UNITS,
      sold,
      refused,
      other_errors: other,
      p50_ms: percentile(latencies, 50),
      p99_ms: percentile(latencies, 99),
      sold_out_ms: Math.round(soldOutAt),
      correct: sold === UNITS && held === UNITS && refused === SHOPPERS - UNITS && other === 0,
    }
    log(`  sell-out: ${sold} of ${UNITS} sold to ${SHOPPERS} shoppers in ${sell.sold_out_ms} ms, ${refused} refused, p50 ${sell.p50_ms} ms, p99 ${sell.p99_ms} ms`)
    return {
      delay_ms: delayMs,
      rtt_ms: measured,
      hot: hotSide,
      spread: spreadSide,
      one_caller: oneSide,
      sell_out: sell,
      invariant_breaks: await invariantBreaks(run.db),
    }
  } finally {
    await run.close()
    await proxy?.close()
  }
}

const fmt = (x: number) => x.toLocaleString("en")

export function rushSection(runs: RushRun[], label: string): string[] {
  const row = (r: RushRun, name: string, s: RushSide) =>
    `| ${r.delay_ms} ms (${r.rtt_ms} ms) | ${name} | ${s.callers} | ${fmt(s.holds)} | ${fmt(s.holds_per_s)} | ${s.p50_ms} | ${s.p99_ms} |`
  return [
    "<!-- rush:start -->",
    "## A ticket rush on one key",
    "",
    `\`npm run bench:rush\` (${label}): the module talks to PostgreSQL through a proxy that delays each direction`,
    `(a database across a network; the measured \`SELECT 1\` round trip in brackets), and directly. ${CALLERS} callers of`,
    `\`placeHolds\` (one unit each, no cart) for ${SECONDS} s on ONE key with ample capacity, then on ${CALLERS} spread keys, then`,
    `one caller alone; then ${fmt(SHOPPERS)} shoppers at once for ${UNITS} units of one key.`,
    "",
    "| delay each way (RTT) | side | callers | holds | holds/s | p50 ms | p99 ms |",
    "|---|---|---:|---:|---:|---:|---:|",
    ...runs.flatMap((r) => [row(r, "hot key", r.hot), row(r, "spread keys", r.spread), row(r, "one caller", r.one_caller)]),
    "",
    "| delay each way | sold | refused | other errors | p50 ms | p99 ms | sold out after ms | exact |",
    "|---|---:|---:|---:|---:|---:|---:|---|",
    ...runs.map(
      (r) =>
        `| ${r.delay_ms} ms | ${r.sell_out.sold} of ${r.sell_out.units} | ${fmt(r.sell_out.refused)} | ${r.sell_out.other_errors} | ${r.sell_out.p50_ms} | ${r.sell_out.p99_ms} | ${fmt(r.sell_out.sold_out_ms)} | ${r.sell_out.correct ? "yes" : "NO"} |`
    ),
    "",
    ...runs.map(
      (r) =>
        `At ${r.delay_ms} ms each way: hot ÷ spread ${(r.hot.holds_per_s / r.spread.holds_per_s).toFixed(2)}; invariant breaks ${r.invariant_breaks}.`
    ),
    "<!-- rush:end -->",
  ]
}

async function main() {
  const log = (s: string) => process.stdout.write(`${s}\n`)
  const runs = [await rushAt(DELAY_MS, log), ...(DELAY_MS > 0 ? [await rushAt(0, log)] : [])]
  const m = await (async () => {
    const c = new Client({ connectionString: databaseUrl("postgres") })
    await c.connect()
    try {
      return await machine(c)
    } finally {
      await c.end()
    }
  })()
  const label = `${new Date().toISOString().slice(0, 10)}, ${describeMachine(m)}; the four-statement path (lock and expire, check and insert, each a round trip, then the commit)`
  const section = rushSection(runs, label).join("\n")
  const file = path.join(__dirname, "RESULTS.md")
  const previous = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : ""
  const marked = /<!-- rush:start -->[\s\S]*<!-- rush:end -->/
  fs.writeFileSync(file, marked.test(previous) ? previous.replace(marked, section) : previous.replace("## Every run", `${section}\n\n## Every run`))
  const json = path.join(__dirname, "results.json")
  const results = fs.existsSync(json) ? JSON.parse(fs.readFileSync(json, "utf8")) : {}
  fs.writeFileSync(json, JSON.stringify({ ...results, rush: { date: new Date().toISOString(), runs } }, null, 2) + "\n")
  log(section)
  return runs.every((r) => r.sell_out.correct && r.invariant_breaks === 0)
}

if (require.main === module) {
  main().then(
    (ok) => process.exit(ok ? 0 : 1),
    (e) => {
      process.stderr.write(`${e.stack || e}\n`)
      process.exit(1)
    }
  )
}
