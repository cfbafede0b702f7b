import fs from "fs"
import path from "path"
import { Client } from "pg"
import type ResourceBookingModuleService from "../src/modules/resource_booking/service"
import { invariantBreaks } from "./database"
import { latencyProxy } from "./latency-proxy"
import { describeMachine, machine } from "./machine"
import { bootModule } from "./module"
import { startSeededApp } from "./app"
import { placeHoldsInStatements, placeHoldsOnePerCall } from "./statements-path"
import { MAX_QUANTITY } from "../src/modules/resource_booking/utils/limits"
import { percentile } from "./percentile"
import { databaseUrl } from "../integration-tests/helpers/run"

// `npm run bench:rush`: a ticket rush on one key. The module talks to
// PostgreSQL through a proxy that delays each direction by RUSH_DELAY_MS
// (default 1 ms, a database across a network), and directly (no delay) for
// comparison. In one run per delay: CALLERS concurrent callers of placeHolds
// on ONE key with ample capacity, the same callers on as many spread keys,
// one caller alone (its hold's latency), and a sell-out: SHOPPERS shoppers at
// once for UNITS units of one key (exactly UNITS sold, every other answer a
// refusal); each for placeHolds as it is (one call of the place function,
// the requests waiting on the same key sent together), with each request in
// its own call (as before that), and for the four-statement baseline the
// function replaced (bench/statements-path.ts).
// Then the same through HTTP: the store holds route on `medusa start
// --cluster 2`, its database behind the proxy. The hot key's lock is held
// from the lock to the commit, so its rate is capped by what happens inside
// that span: four round trips for the statements, one call's work, commit
// and wake-up per request for one per call, the same shared by a call's
// requests now.

const DELAY_MS = Number(process.env.RUSH_DELAY_MS ?? 1)
const SECONDS = Number(process.env.RUSH_SECONDS ?? 10)
const CALLERS = 64
const SHOPPERS = 2000
const UNITS = 500
const SERVERS = 2
// RUSH_HTTP=0 leaves out the HTTP part (two server processes take a minute to
// start); RUSH_IN_PROCESS=0 the in-process part.
const HTTP = process.env.RUSH_HTTP !== "0"
const IN_PROCESS = process.env.RUSH_IN_PROCESS !== "0"

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
/** One way of placing a hold, measured: hot key, spread keys, one caller, sell-out. */
export type PathRun = { hot: RushSide; spread: RushSide; one_caller: RushSide; sell_out: SellOut }
export type RushRun = {
  delay_ms: number
  /** A `SELECT 1` round trip through the same path, median of 50. */
  rtt_ms: number
  /** placeHolds as it is, one request per call of the function, and the four-statement baseline. */
  paths: { function: PathRun; one_per_call: PathRun; statements: PathRun }
  invariant_breaks: number
}
/** The store holds route on `medusa start --cluster 2`, the server's database behind the same proxy. */
export type HttpRush = { delay_ms: number; rtt_ms: number; servers: number } & PathRun & { invariant_breaks: number }

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

/** Every shopper at once, one unit each, through `buy`; `held` counts what the key holds afterwards. */
async function sellOut(buy: (shopper: number) => Promise<unknown>, held: () => Promise<number>): Promise<SellOut> {
  const latencies: number[] = []
  let sold = 0
  let refused = 0
  let other = 0
  let soldOutAt = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: SHOPPERS }, async (_, i) => {
      const s = performance.now()
      try {
        await buy(i)
        if (++sold === UNITS) soldOutAt = performance.now() - t0
      } catch (e: any) {
        if (e?.type === "not_allowed") refused++
        else other++
      }
      latencies.push(performance.now() - s)
    })
  )
  const onKey = await held()
  return {
    shoppers: SHOPPERS,
    units: UNITS,
    sold,
    refused,
    other_errors: other,
    p50_ms: percentile(latencies, 50),
    p99_ms: percentile(latencies, 99),
    sold_out_ms: Math.round(soldOutAt),
    correct: sold === UNITS && onKey === UNITS && refused === SHOPPERS - UNITS && other === 0,
  }
}

/** The four measures of one way of placing a hold; `place(resource, caller)`. */
async function measurePath(
  name: string,
  place: (resourceId: string, caller: number) => Promise<unknown>,
  keys: { hot: string; spread: string[]; sellOut: string },
  heldOn: (resourceId: string) => Promise<number>,
  log: (s: string) => void
): Promise<PathRun> {
  const hot = await loops(CALLERS, SECONDS, (i) => place(keys.hot, i))
  log(`  ${name}: hot key, ${CALLERS} callers: ${hot.holds_per_s} holds/s, p50 ${hot.p50_ms} ms, p99 ${hot.p99_ms} ms`)
  const spread = await loops(CALLERS, SECONDS, (i) => place(keys.spread[i], i))
  log(`  ${name}: ${CALLERS} spread keys: ${spread.holds_per_s} holds/s, p50 ${spread.p50_ms} ms, p99 ${spread.p99_ms} ms`)
  const one = await loops(1, Math.max(2, SECONDS / 2), () => place(keys.spread[0], 0))
  log(`  ${name}: one caller: ${one.holds_per_s} holds/s, p50 ${one.p50_ms} ms`)
  const sell = await sellOut((i) => place(keys.sellOut, i), () => heldOn(keys.sellOut))
  log(`  ${name}: sell-out: ${sell.sold} of ${UNITS} sold to ${SHOPPERS} shoppers in ${sell.sold_out_ms} ms, ${sell.refused} refused, p50 ${sell.p50_ms} ms, p99 ${sell.p99_ms} ms`)
  return { hot, spread, one_caller: one, sell_out: sell }
}

const activeUnits = (db: Client) => async (resourceId: string) =>
  (await db.query(`SELECT coalesce(sum(quantity), 0)::int AS n FROM booking_hold WHERE resource_id = $1 AND status = 'active'`, [resourceId])).rows[0].n as number

/** The URL rewritten to reach PostgreSQL through the proxy (or as it is, with no proxy). */
const through = (proxy: { port: number } | null) => (url: string) => {
  if (!proxy) return url
  const x = new URL(url)
  x.hostname = "127.0.0.1"
  x.port = String(proxy.port)
  return x.toString()
}

const postgres = () => {
  const target = new URL(databaseUrl("postgres"))
  return { host: target.hostname, port: Number(target.port || 5432) }
}

export async function rushAt(delayMs: number, log: (s: string) => void): Promise<RushRun> {
  const proxy = delayMs > 0 ? await latencyProxy(postgres(), delayMs) : null
  // The migrations run direct; the module's every connection goes through the proxy.
  const via = through(proxy)
  const run = await bootModule(`rb_bench_rush_${String(delayMs).replace(".", "_")}`, CALLERS + 4, via)
  try {
    const service = run.service
    const date = tomorrow()
    const hot = await resource(service, "rush-hot", 1_000_000)
    const spread = await Promise.all(Array.from({ length: CALLERS }, (_, i) => resource(service, `rush-spread-${i}`, 1_000_000)))
    const byFunction = (resource_id: string) => service.placeHolds([{ resource_id, date, quantity: 1 }])
    const byStatements = (resource_id: string) => placeHoldsInStatements(service, [{ resource_id, date, quantity: 1 }])
    const onePerCall = (resource_id: string) => placeHoldsOnePerCall(service, [{ resource_id, date, quantity: 1 }])
    // Warm the pool: every connection opened (and the function's plans cached) before timing.
    for (const place of [byStatements, onePerCall, byFunction]) {
      await Promise.all(Array.from({ length: CALLERS * 2 }, (_, i) => place(spread[i % CALLERS])))
    }
    // A store's tables have statistics; a table created a second ago has none, and the planner then guesses.
    await run.db.query("ANALYZE")
    const measured = await rtt(via(run.clientUrl))
    log(`delay ${delayMs} ms each way: SELECT 1 round trip ${measured} ms`)
    const held = activeUnits(run.db)
    const statements = await measurePath("statements", byStatements, { hot, spread, sellOut: await resource(service, "rush-sell-out-a", UNITS) }, held, log)
    const alone = await measurePath("one per call", onePerCall, { hot, spread, sellOut: await resource(service, "rush-sell-out-c", UNITS) }, held, log)
    const fn = await measurePath("function", byFunction, { hot, spread, sellOut: await resource(service, "rush-sell-out-b", UNITS) }, held, log)
    return {
      delay_ms: delayMs,
      rtt_ms: measured,
      paths: { function: fn, one_per_call: alone, statements },
      invariant_breaks: await invariantBreaks(run.db),
    }
  } finally {
    await run.close()
    await proxy?.close()
  }
}

/**
 * The store holds route (`POST /store/resource-booking/holds`, a cart per
 * caller) on `medusa start --cluster 2`, the servers' database behind the
 * proxy: hot key, spread keys, one caller, sell-out, as above.
 */
export async function rushOverHttp(delayMs: number, log: (s: string) => void): Promise<HttpRush> {
  const proxy = delayMs > 0 ? await latencyProxy(postgres(), delayMs) : null
  const app = await startSeededApp(
    "rb_bench_rush_http",
    { HOLD_CLEANUP_INTERVAL: "0 0 * * 0", MAX_QUANTITY_PER_CART: String(MAX_QUANTITY) },
    { command: "start", cluster: SERVERS, route: through(proxy) }
  )
  try {
    const { seed, db, base } = app
    const date = tomorrow()
    // The seed's resources get ample room tomorrow (the invariant kept: nothing is held there yet).
    await db.query(
      `UPDATE booking_capacity SET max_capacity = 1000000, available_capacity = 1000000 WHERE date = $1 AND resource_id = ANY($2)`,
      [date, [seed.bookable_resource, ...seed.resources.slice(1)]]
    )
    await db.query(`UPDATE booking_capacity SET max_capacity = $3, available_capacity = $3 WHERE date = $1 AND resource_id = $2`, [
      date,
      seed.resources[0],
      UNITS,
    ])
    // 64 spread keys: the 19 other resources over four days.
    const days = [1, 2, 3, 4].map((n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10))
    await db.query(
      `UPDATE booking_capacity SET max_capacity = 1000000, available_capacity = 1000000 WHERE date = ANY($1) AND resource_id = ANY($2)`,
      [days, seed.resources.slice(1)]
    )
    const spreadKeys = Array.from({ length: CALLERS }, (_, i) => ({ resource_id: seed.resources[1 + (i % 19)], date: days[Math.floor(i / 19)] }))
    const post = async (key: { resource_id: string; date: string }, caller: number) => {
      const res = await fetch(`${base}/store/resource-booking/holds`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-publishable-api-key": seed.key },
        body: JSON.stringify({ cart_id: seed.carts[caller % seed.carts.length], ...key, quantity: 1 }),
      })
      const body = await res.json().catch(() => ({}))
      if (res.status !== 200) {
        throw Object.assign(new Error(`${res.status} ${JSON.stringify(body)}`), { type: res.status === 400 ? body.type : "http_" + res.status })
      }
    }
    const hotKey = { resource_id: seed.bookable_resource, date }
    await Promise.all(Array.from({ length: CALLERS * 2 }, (_, i) => post(spreadKeys[i % CALLERS], i)))
    await db.query("ANALYZE")
    const measured = await rtt(through(proxy)(databaseUrl(db.database!)))
    log(`HTTP, ${SERVERS} servers, delay ${delayMs} ms each way: SELECT 1 round trip ${measured} ms`)
    const run = await measurePath(
      "http",
      (resourceId, caller) => post(resourceId === "hot" ? hotKey : resourceId === "sell-out" ? { resource_id: seed.resources[0], date } : spreadKeys[caller], caller),
      { hot: "hot", spread: spreadKeys.map(() => "spread"), sellOut: "sell-out" },
      () => activeUnits(db)(seed.resources[0]),
      log
    )
    return { delay_ms: delayMs, rtt_ms: measured, servers: SERVERS, ...run, invariant_breaks: await invariantBreaks(db) }
  } finally {
    await app.stop()
    await proxy?.close()
  }
}

const fmt = (x: number) => x.toLocaleString("en")
const ratio = (a: number, b: number) => (b ? a / b : 0).toFixed(2)

/** The targets at the injected delay, each a ratio within one run. */
export function verdicts(r: RushRun) {
  const f = r.paths.function
  const s = r.paths.statements
  const a = r.paths.one_per_call
  return {
    hot_vs_spread: f.hot.holds_per_s / f.spread.holds_per_s,
    one_per_call_hot_vs_spread: a.hot.holds_per_s / a.spread.holds_per_s,
    hot_vs_one_per_call_hot: f.hot.holds_per_s / a.hot.holds_per_s,
    one_caller_vs_statements: f.one_caller.p50_ms / s.one_caller.p50_ms,
    hot_vs_statements_hot: f.hot.holds_per_s / s.hot.holds_per_s,
    sell_out_exact: f.sell_out.correct && s.sell_out.correct && a.sell_out.correct,
  }
}

export function rushSection(runs: RushRun[], http: HttpRush[], label: string): string[] {
  const row = (delay: string, name: string, side: string, s: RushSide) =>
    `| ${delay} | ${name} | ${side} | ${s.callers} | ${fmt(s.holds)} | ${fmt(s.holds_per_s)} | ${s.p50_ms} | ${s.p99_ms} |`
  const sides = (delay: string, name: string, p: PathRun) => [
    row(delay, name, "hot key", p.hot),
    row(delay, name, "spread keys", p.spread),
    row(delay, name, "one caller", p.one_caller),
  ]
  const sell = (delay: string, name: string, o: SellOut) =>
    `| ${delay} | ${name} | ${o.sold} of ${o.units} | ${fmt(o.refused)} | ${o.other_errors} | ${o.p50_ms} | ${o.p99_ms} | ${fmt(o.sold_out_ms)} | ${o.correct ? "yes" : "NO"} |`
  const at = (r: { delay_ms: number; rtt_ms: number }) => `${r.delay_ms} ms (${r.rtt_ms} ms)`
  return [
    "<!-- rush:start -->",
    "## A ticket rush on one key",
    "",
    `\`npm run bench:rush\` (${label}): the module talks to PostgreSQL through a proxy that delays each direction`,
    `(a database across a network; the measured \`SELECT 1\` round trip in brackets), and directly. ${CALLERS} callers of`,
    `\`placeHolds\` (one unit each, no cart) for ${SECONDS} s on ONE key with ample capacity, then on ${CALLERS} spread keys, then`,
    `one caller alone; then ${fmt(SHOPPERS)} shoppers at once for ${UNITS} units of one key. Two ways in one run: **function**,`,
    "placeHolds as it is (its locked part one call of a PL/pgSQL function, one round trip from the lock to the commit, and a",
    "process's requests waiting on the same key sent together in one call); **one per call**, the same function with each",
    "request in its own call (the release before); **statements**, the baseline the function replaced (a transaction:",
    "lock and expire, check and insert, each a round trip, then the commit; bench/statements-path.ts). Then the same",
    "through HTTP (as it is): the store holds route, a cart per caller, on",
    `\`medusa start --cluster ${SERVERS}\`, the servers' database behind the same proxy. The tables are analyzed before timing, as`,
    "a store's are.",
    "",
    "| delay each way (RTT) | way | side | callers | holds | holds/s | p50 ms | p99 ms |",
    "|---|---|---|---:|---:|---:|---:|---:|",
    ...runs.flatMap((r) => [
      ...sides(at(r), "function", r.paths.function),
      ...sides(at(r), "one per call", r.paths.one_per_call),
      ...sides(at(r), "statements", r.paths.statements),
    ]),
    ...http.flatMap((h) => sides(at(h), `HTTP, ${h.servers} servers`, h)),
    "",
    "| delay each way | way | sold | refused | other errors | p50 ms | p99 ms | sold out after ms | exact |",
    "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ...runs.flatMap((r) => [
      sell(`${r.delay_ms} ms`, "function", r.paths.function.sell_out),
      sell(`${r.delay_ms} ms`, "one per call", r.paths.one_per_call.sell_out),
      sell(`${r.delay_ms} ms`, "statements", r.paths.statements.sell_out),
    ]),
    ...http.map((h) => sell(`${h.delay_ms} ms`, `HTTP, ${h.servers} servers`, h.sell_out)),
    "",
    ...runs.map((r) => {
      const v = verdicts(r)
      return (
        `At ${r.delay_ms} ms each way: function hot ÷ spread **${v.hot_vs_spread.toFixed(2)}** (one per call ${v.one_per_call_hot_vs_spread.toFixed(2)}, statements ${ratio(r.paths.statements.hot.holds_per_s, r.paths.statements.spread.holds_per_s)}); ` +
        `hot key, function ÷ one per call ${v.hot_vs_one_per_call_hot.toFixed(2)}; ` +
        `one caller's p50, function ÷ statements **${v.one_caller_vs_statements.toFixed(2)}**; hot key, function ÷ statements ${v.hot_vs_statements_hot.toFixed(2)}; ` +
        `sell-outs exact: ${v.sell_out_exact ? "yes" : "NO"}; invariant breaks ${r.invariant_breaks}.`
      )
    }),
    ...http.map(
      (h) =>
        `HTTP at ${h.delay_ms} ms each way: hot ÷ spread ${ratio(h.hot.holds_per_s, h.spread.holds_per_s)}; sell-out exact: ${h.sell_out.correct ? "yes" : "NO"}; invariant breaks ${h.invariant_breaks}.`
    ),
    "<!-- rush:end -->",
  ]
}

async function main() {
  const log = (s: string) => process.stdout.write(`${s}\n`)
  const runs = IN_PROCESS ? [await rushAt(DELAY_MS, log), ...(DELAY_MS > 0 ? [await rushAt(0, log)] : [])] : []
  const http = HTTP ? [await rushOverHttp(DELAY_MS, log)] : []
  const m = await (async () => {
    const c = new Client({ connectionString: databaseUrl("postgres") })
    await c.connect()
    try {
      return await machine(c)
    } finally {
      await c.end()
    }
  })()
  const label = `${new Date().toISOString().slice(0, 10)}, ${describeMachine(m)}`
  const section = rushSection(runs, http, label).join("\n")
  const file = path.join(__dirname, "RESULTS.md")
  const previous = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : ""
  const marked = /<!-- rush:start -->[\s\S]*<!-- rush:end -->/
  fs.writeFileSync(file, marked.test(previous) ? previous.replace(marked, section) : previous.replace("## Every run", `${section}\n\n## Every run`))
  const json = path.join(__dirname, "results.json")
  const results = fs.existsSync(json) ? JSON.parse(fs.readFileSync(json, "utf8")) : {}
  fs.writeFileSync(json, JSON.stringify({ ...results, rush: { date: new Date().toISOString(), runs, http, verdicts: runs.map(verdicts) } }, null, 2) + "\n")
  log(section)
  const [target] = runs
  if (target) {
    const v = verdicts(target)
    const met = v.hot_vs_spread >= 0.8 && v.one_caller_vs_statements <= 0.5 && v.sell_out_exact
    log(
      `targets at ${target.delay_ms} ms each way (hot ≥ 0.8× spread, one caller ≤ 0.5× statements, sell-out exact): ${met ? "met" : "NOT met"}`
    )
  }
  return runs.every((r) => verdicts(r).sell_out_exact && r.invariant_breaks === 0) && http.every((h) => h.sell_out.correct && h.invariant_breaks === 0)
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
