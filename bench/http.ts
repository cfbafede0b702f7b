import fs from "fs"
import os from "os"
import path from "path"
import autocannon from "autocannon"
import { invariantBreaks, startSeededApp } from "./app"

// `npm run bench:http`: hold creation over HTTP against a running app
// (`medusa develop`, one process, in-memory modules), with 1, 16 and 64
// keep-alive clients (autocannon), on hot keys (5 resources × 1 day) and on
// spread keys (1,000 resources × 30 days). Writes its section of RESULTS.md.
const DB = "rb_http"
const PORT = Number(process.env.HTTP_BENCH_PORT || 9350)
const BASE = `http://127.0.0.1:${PORT}`
const SECONDS = Number(process.env.HTTP_BENCH_SECONDS || 10)

async function main() {
  const app = await startSeededApp(DB, PORT, { HOLD_CLEANUP_INTERVAL: "0 0 * * 0" })
  const { seed, db } = app
  // 1,000 resources × 30 days for the spread case; huge capacity so nothing is refused.
  await db.query(`
    INSERT INTO booking_resource (id, title, handle) SELECT 'res_spread_' || r, 'Spread ' || r, 'spread-' || r FROM generate_series(1, 1000) r;
    INSERT INTO booking_capacity (id, resource_id, date, max_capacity, available_capacity)
      SELECT 'cap_s_' || r || '_' || d, 'res_spread_' || r, to_char(current_date + d, 'YYYY-MM-DD'), 100000, 100000
      FROM generate_series(1, 1000) r, generate_series(0, 29) d;
    UPDATE booking_capacity SET max_capacity = 1000000, available_capacity = 1000000 WHERE resource_id NOT LIKE 'res_spread_%';`)

  const day = (i: number) => new Date(Date.now() + i * 86_400_000).toISOString().slice(0, 10)
  const hot = seed.resources.slice(0, 5).map((id: string) => [id, day(1)])
  const spread = Array.from({ length: 1000 }, (_, r) => Array.from({ length: 30 }, (_, d) => [`res_spread_${r + 1}`, day(d)])).flat()
  const rows: string[] = []
  const figures: any[] = []
  // Warm up the app (first requests compile routes and fill caches).
  await autocannon({ url: `${BASE}/health`, connections: 4, duration: 3 })

  const baseline = await autocannon({ url: `${BASE}/health`, connections: 16, duration: SECONDS })
  rows.push(`| GET /health (no middleware, for scale) | 16 | — | ${Math.round(baseline.requests.average)} req/s | — | ${baseline.latency.p50} | ${baseline.latency.p97_5} | ${baseline.latency.p99} | ${baseline.non2xx} |`)
  // Store routes without a workflow, to tell Medusa's store pipeline from the hold itself.
  const headers = { "x-publishable-api-key": seed.key }
  for (const [label, url] of [
    ["GET a cart's holds (store middleware + 1 query)", `/store/resource-booking/holds?cart_id=${seed.carts[0]}`],
    ["GET availability, 7 days (store middleware + 2 queries)", `/store/resource-booking/resources/${seed.resources[0]}/availability?from=${day(1)}&to=${day(7)}`],
  ]) {
    const r = await autocannon({ url: `${BASE}${url}`, connections: 16, duration: SECONDS, headers })
    rows.push(`| ${label} | 16 | — | ${Math.round(r.requests.average)} req/s | — | ${r.latency.p50} | ${r.latency.p97_5} | ${r.latency.p99} | ${r.non2xx} |`)
  }

  for (const [name, keys] of [["hot (5 × 1)", hot], ["spread (1,000 × 30)", spread]] as const) {
    for (const clients of [1, 16, 64]) {
      const before = (await db.query(`SELECT count(*)::int AS n FROM booking_hold`)).rows[0].n
      let i = 0
      const result = await autocannon({
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
      figures.push({ keys: name, clients, holds: made, holds_per_s: perSecond, latency: result.latency, non2xx: result.non2xx, invariant_breaks: inv.broken })
      rows.push(`| POST /store/resource-booking/holds, ${name} | ${clients} | ${made} | ${perSecond} | ${inv.broken} | ${result.latency.p50} | ${result.latency.p97_5} | ${result.latency.p99} | ${result.non2xx} |`)
      process.stdout.write(`${rows[rows.length - 1]}\n`)
    }
  }
  await app.stop()

  const sixteen = figures.find((f) => f.clients === 16 && f.keys.startsWith("spread"))
  const section = [
    "<!-- http:start -->",
    "## Hold creation over HTTP (`npm run bench:http`)",
    "",
    `The app as \`medusa develop\` (one Node process, in-memory event bus and workflow engine) on the same ${os.cpus().length}-core machine as the load generator (autocannon, keep-alive), ${SECONDS} s per row, measured ${new Date().toISOString().slice(0, 16)}Z. Each hold is one store request (cart, resource, date, quantity 1). "Invariant breaks" counts keys below zero, above max or out of balance after the row.`,
    "",
    "| request | clients | holds made | holds/s | invariant breaks | p50 ms | p97.5 ms | p99 ms | non-2xx |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows,
    "",
    `- Target ≥ 1,000 holds/s at 16 clients with p99 < 50 ms: ${sixteen ? `${sixteen.holds_per_s} holds/s, p99 ${sixteen.latency.p99} ms: ${sixteen.holds_per_s >= 1000 && sixteen.latency.p99 < 50 ? "met" : "MISSED"}` : "not measured"}.`,
    "",
    "Where the time goes (these rows, 2026-11-24; the server and autocannon share the 2 cores):",
    "",
    "- Medusa's store pipeline alone (publishable-key check, sales-channel context, query",
    "  validation) holds a route with one small query to ~200 requests/s, about 5 ms of CPU a",
    "  request, against ~2,000/s for `GET /health`, which skips the middleware.",
    "- Hold creation adds ~8 ms: the `createHoldsWorkflow` run (cart check, the reserve step with",
    "  its compensation record, the `holdsCreated` hook, the workflow engine's bookkeeping) and",
    "  the hold's own SQL (one transaction of 5 statements, ~1-2 ms of it).",
    "- Hot keys cost little more than spread keys at 16 clients (65 vs 74 holds/s): the advisory",
    "  lock per (resource, date) is not the bottleneck at this rate; the CPU is.",
    "- So the 1,000 holds/s target is far off on this machine with this app in development mode",
    "  and in one process. Not done yet, in order of likely gain: measure `medusa start` on a",
    "  `medusa build` (production mode) with several server processes (Redis modules, see",
    "  docs/production.md); profile the workflow run with `--cpu-prof`; cache the publishable",
    "  key lookup.",
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
