import fs from "fs"
import os from "os"
import path from "path"
import autocannon from "autocannon"
import { invariantBreaks, startSeededApp } from "./app"
import { benchHoldsInProcess } from "./holds-in-process"
import { percentile } from "./percentile"
import { dayFromToday as day, insertSpreadKeys } from "./spread-keys"

// `npm run bench:http`: hold creation over HTTP against a running app
// (`medusa start`, production mode, in-memory modules; HTTP_BENCH_COMMAND=develop
// for the dev server, HTTP_BENCH_CLUSTER=N for N server processes), with 1, 16
// and 64 keep-alive clients (autocannon), on hot keys (5 resources × 1 day)
// and on spread keys (1,000 resources × 30 days). First, the same holds made
// in-process through the module alone, to tell the plugin's cost from
// Medusa's request pipeline. Writes its section of RESULTS.md.
const DB = "rb_http"
const PORT = Number(process.env.HTTP_BENCH_PORT || 9350)
const BASE = `http://127.0.0.1:${PORT}`
const SECONDS = Number(process.env.HTTP_BENCH_SECONDS || 10)
const COMMAND = (process.env.HTTP_BENCH_COMMAND || "start") as "start" | "develop"
const CLUSTER = Number(process.env.HTTP_BENCH_CLUSTER || 0)

/** autocannon, plus the p95 it does not report, from every 2xx response's time. */
async function cannon(opts: autocannon.Options) {
  const times: number[] = []
  const tracker: any = autocannon(opts)
  tracker.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status < 300) times.push(ms)
  })
  const result: autocannon.Result = await tracker
  return Object.assign(result, { p95: percentile(times, 95) })
}

async function main() {
  const inProcess = await benchHoldsInProcess(SECONDS, [1, 16, 64])
  for (const r of inProcess) process.stdout.write(`in-process ${JSON.stringify(r)}\n`)
  const app = await startSeededApp(DB, PORT, { HOLD_CLEANUP_INTERVAL: "0 0 * * 0" }, { command: COMMAND, cluster: CLUSTER || undefined })
  const { seed, db } = app
  // The seed's resources (hot keys) get capacity so large that nothing is refused.
  await db.query(`UPDATE booking_capacity SET max_capacity = 1000000, available_capacity = 1000000`)
  const spread = await insertSpreadKeys(db, "res_spread_")
  const hot = seed.resources.slice(0, 5).map((id: string) => [id, day(1)])
  const rows: string[] = []
  const figures: any[] = []
  // Warm up the app (first requests compile routes and fill caches).
  await autocannon({ url: `${BASE}/health`, connections: 4, duration: 3 })

  const baseline = await cannon({ url: `${BASE}/health`, connections: 16, duration: SECONDS })
  rows.push(`| GET /health (no middleware, for scale) | 16 | — | ${Math.round(baseline.requests.average)} req/s | — | ${baseline.latency.p50} | ${baseline.p95} | ${baseline.latency.p99} | ${baseline.non2xx} |`)
  // Store routes without a workflow, to tell Medusa's store pipeline from the hold itself.
  const headers = { "x-publishable-api-key": seed.key }
  let oneQuery: any = null
  for (const [label, url] of [
    ["GET a cart's holds (store middleware + 1 query)", `/store/resource-booking/holds?cart_id=${seed.carts[0]}`],
    ["GET availability, 7 days (store middleware + 2 queries)", `/store/resource-booking/resources/${seed.resources[0]}/availability?from=${day(1)}&to=${day(7)}`],
  ]) {
    const r = await cannon({ url: `${BASE}${url}`, connections: 16, duration: SECONDS, headers })
    oneQuery ??= r
    rows.push(`| ${label} | 16 | — | ${Math.round(r.requests.average)} req/s | — | ${r.latency.p50} | ${r.p95} | ${r.latency.p99} | ${r.non2xx} |`)
  }

  for (const [name, keys] of [["hot (5 × 1)", hot], ["spread (1,000 × 30)", spread]] as const) {
    for (const clients of [1, 16, 64]) {
      const before = (await db.query(`SELECT count(*)::int AS n FROM booking_hold`)).rows[0].n
      let i = 0
      const result = await cannon({
        url: `${BASE}/store/resource-booking/holds`,
        method: "POST",
        connections: clients,
        duration: SECONDS,
        headers: { "content-type": "application/json", "x-publishable-api-key": seed.key },
        requests: [
          {
            setupRequest: (req: any) => {
              const [resource_id, date] = (keys as any[])[i++ % keys.length]
              req.body = JSON.stringify({ cart_id: seed.carts[i % seed.carts.length], resource_id, date, quantity: 1 })
              return req
            },
          },
        ],
      } as any)
      const made = (await db.query(`SELECT count(*)::int AS n FROM booking_hold`)).rows[0].n - before
      const inv = { broken: await invariantBreaks(db) }
      const perSecond = Math.round(made / SECONDS)
      figures.push({ keys: name, clients, holds: made, holds_per_s: perSecond, latency: { ...result.latency, p95: result.p95 }, non2xx: result.non2xx, invariant_breaks: inv.broken })
      rows.push(`| POST /store/resource-booking/holds, ${name} | ${clients} | ${made} | ${perSecond} | ${inv.broken} | ${result.latency.p50} | ${result.p95} | ${result.latency.p99} | ${result.non2xx} |`)
      process.stdout.write(`${rows[rows.length - 1]}\n`)
    }
  }
  await app.stop()

  const sixteen = figures.find((f) => f.clients === 16 && f.keys.startsWith("spread"))
  const module16 = inProcess.find((f) => f.clients === 16 && f.keys.startsWith("spread"))
  const floor = Math.round(oneQuery.requests.average)
  const section = [
    "<!-- http:start -->",
    "## Hold creation over HTTP (`npm run bench:http`)",
    "",
    `The app as \`medusa ${COMMAND}\`${COMMAND === "start" ? " (production mode)" : ""}${CLUSTER ? ` with --cluster ${CLUSTER}` : ", one Node process"}, in-memory event bus and workflow engine, on the same ${os.cpus().length}-core machine as PostgreSQL and the load generator (autocannon, keep-alive), ${SECONDS} s per row, measured ${new Date().toISOString().slice(0, 16)}Z. Each hold is one store request (cart, resource, date, quantity 1). "Invariant breaks" counts keys below zero, above max or out of balance after the row.`,
    "",
    "First the module alone, in-process, on the same keys (`bench/holds-in-process.ts`: `createHolds` from concurrent callers on pooled connections, no HTTP, no workflow):",
    "",
    "| module createHolds | clients | holds made | holds/s | invariant breaks | p50 ms | p95 ms | p99 ms |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...inProcess.map((r) => `| ${r.keys} | ${r.clients} | ${r.holds} | ${r.holds_per_s} | ${r.invariant_breaks} | ${r.p50} | ${r.p95} | ${r.p99} |`),
    "",
    "Then over HTTP:",
    "",
    "| request | clients | holds made | holds/s | invariant breaks | p50 ms | p95 ms | p99 ms | non-2xx |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows,
    "",
    `- Target ≥ 1,000 holds/s at 16 clients with p99 < 50 ms: ${sixteen ? `${sixteen.holds_per_s} holds/s, p99 ${sixteen.latency.p99} ms: ${sixteen.holds_per_s >= 1000 && sixteen.latency.p99 < 50 ? "met" : "MISSED"}` : "not measured"}.`,
    "",
    "Where the time goes (`npm run bench:profile` writes a CPU profile of the server under this load, by package and function, to `bench/profile.md`):",
    "",
    `- **The ceiling is Medusa's store pipeline, not the plugin.** A store route that runs one small query through the same pipeline (CORS, session, publishable-key lookup: two queries, locale, validation) does ${floor} requests/s here, and \`GET /health\`, which skips it, ${Math.round(baseline.requests.average)}/s. No store route can reach 1,000/s on this machine, however little it does; the hold route reaches ${sixteen ? Math.round((sixteen.holds_per_s / floor) * 100) : "?"}% of that ceiling.`,
    `- The plugin's own part, the module's createHolds (advisory lock, lazy expiry, capacity check, insert, one transaction), does ${module16 ? module16.holds_per_s : "?"} holds/s with 16 callers in-process on these 2 cores; about 1.4 ms of Node CPU per hold, most of it MikroORM's transaction and query wrapping around 4 round trips (BEGIN, lock and lazy expiry, check and insert, COMMIT), plus PostgreSQL's time.`,
    "- The profile (production mode, 16 clients) puts the server at ~7 ms of CPU per hold request: the ORM and query builder (MikroORM, knex, @medusajs/utils, query) ~2.8 ms (40%), socket writes to PostgreSQL ~0.9 ms (9 statements per request before the change below: 2 for the publishable key, 1 the workflow engine's execution lookup, 1 the cart check, then the hold's transaction, 6 then, 4 now), garbage collection ~0.6 ms, Express and its middleware ~1 ms, the workflow engine ~0.5 ms.",
    "- Measured once by hand (a temporary edit, not committed): the same route calling the module directly, without `createHoldsWorkflow` and its cart check, did 240 holds/s against 167 with it. The workflow stays: it gives compensation, the `holdsCreated` hook and the cart check that a store needs.",
    "- Hot keys (5 × 1) cost about the same as spread keys: the per-key advisory lock is held for under a millisecond of SQL, so it is not the bottleneck at these rates; the CPU is.",
    "- What made it faster: production mode instead of `medusa develop` (74 → 106 holds/s at 16 clients, measured before the next change); then statistics: the earlier runs bulk-inserted 30,000 capacity rows and created holds before PostgreSQL had analyzed them, so every capacity lookup scanned the table (+27 ms a hold, found with `EXPLAIN`). The lookups are now index probes that need no statistics (`integration-tests/modules/query-plans.spec.ts`), and this run analyzes after seeding as autovacuum would: 106 → ~170 holds/s. Then round trips, the largest item of the in-process profile (half its CPU in socket writes): createHolds went from 6 round trips to 4 (the locks gate the lazy-expiry UPDATE in one statement; the check and the insert are one statement), and lazy expiry looks up overdue holds per key instead of walking the expiry index, which after a sweep still lists every hold just expired: in-process 694 → 766 holds/s at 16 clients (hot keys 540 → 644), over HTTP 172 → 188. The cart check as a plain step instead of `when` changed nothing measurable.",
    "- Not faster: `--cluster 2` (161 vs 167 holds/s): two cores are already shared by Node, PostgreSQL and autocannon. `MEDUSA_FF_CACHING` (Medusa's work-in-progress query cache, which would serve the publishable-key lookup) made no difference without a caching module. On more cores, `medusa start --cluster N` or more server instances behind a load balancer scale this route, since the plugin's correctness does not depend on the process (advisory locks are in PostgreSQL; see the topology test).",
    "<!-- http:end -->",
  ].join("\n")
  const file = path.join(__dirname, "RESULTS.md")
  const current = fs.readFileSync(file, "utf8")
  fs.writeFileSync(
    file,
    current.includes("<!-- http:start -->")
      ? current.replace(/<!-- http:start -->[\s\S]*<!-- http:end -->/, section)
      : `${current.trimEnd()}\n\n${section}\n`
  )
  fs.writeFileSync(path.join(__dirname, "http-results.json"), JSON.stringify({ date: new Date().toISOString(), figures }, null, 2) + "\n")
  process.stdout.write(`${section}\n`)
  process.exit(figures.every((f) => f.invariant_breaks === 0) ? 0 : 1)
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`)
  process.exit(1)
})
