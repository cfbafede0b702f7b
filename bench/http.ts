import fs from "fs"
import path from "path"
import { MAX_QUANTITY } from "../src/modules/resource_booking/utils/limits"
import { startSeededApp } from "./app"
import { invariantBreaks } from "./database"
import { drive, merge, type Driven, type Outcome } from "./drive"
import { benchHoldsInProcess } from "./holds-in-process"
import { describeMachine, machine } from "./machine"
import { insertSpreadKeys, sellSpreadKeys } from "./spread-keys"
import { statementCounter } from "./statements"
import { prepareCarts, storeRequests } from "./store-requests"

// `npm run bench:http`: what booking adds to the checkout a store already
// runs, measured beside Medusa's own routes in one app and one run (`medusa
// start`, production mode, in-memory modules; HTTP_BENCH_COMMAND=develop for
// the dev server, HTTP_BENCH_CLUSTER=N for N server processes), at 1 and 16
// closed-loop keep-alive clients. Each pair of rows is measured in rounds
// (HTTP_BENCH_ROUNDS, default 3), alternating which side goes first, and
// compared as a ratio. First, placeHolds in-process through the module
// alone. Writes its section of RESULTS.md and http-results.json.
const PORT = process.env.HTTP_BENCH_PORT ? Number(process.env.HTTP_BENCH_PORT) : undefined
const SECONDS = Number(process.env.HTTP_BENCH_SECONDS || 5)
const ROUNDS = Number(process.env.HTTP_BENCH_ROUNDS || 3)
const SCALE = Number(process.env.HTTP_BENCH_SCALE || 1)
const COMMAND = (process.env.HTTP_BENCH_COMMAND || "start") as "start" | "develop"
const CLUSTER = Number(process.env.HTTP_BENCH_CLUSTER || 0)
const CLIENTS = [1, 16]
// Which groups of rows run (all by default): the store routes, the cart
// rows (add to cart, then complete), the module in-process.
const GROUPS = (process.env.HTTP_BENCH_ROWS || "routes,cart,in-process").split(",")
// Requests per round of a cart row; each takes a cart of its own.
const ADDS: Record<number, number> = { 1: Math.ceil(20 * SCALE), 16: Math.ceil(128 * SCALE) }
const COMPLETES: Record<number, number> = { 1: Math.ceil(10 * SCALE), 16: Math.ceil(64 * SCALE) }
const WARM_CARTS = 8

const TARGETS = { addToCart: 1.15, complete: 1.1, vsRegions: 1.0, inProcess: 1000 }

type Row = { name: string; clients: number; rounds: Driven[]; invariant_breaks: number; statements: number }

async function main() {
  const inProcess = GROUPS.includes("in-process") ? await benchHoldsInProcess(SECONDS * 2, [1, 16]) : []
  for (const r of inProcess) process.stdout.write(`in-process ${JSON.stringify(r)}\n`)

  const carts = WARM_CARTS * 2 + ROUNDS * 2 * CLIENTS.reduce((a, c) => a + ADDS[c], 0)
  // Statements per request come from the server process itself (not with --cluster).
  const counter = CLUSTER ? undefined : statementCounter()
  const app = await startSeededApp(
    "rb_http",
    // 64 carts take every hold: lift the per-cart cap (its sum is still paid).
    { HOLD_CLEANUP_INTERVAL: "0 0 * * 0", MAX_QUANTITY_PER_CART: String(MAX_QUANTITY), SEED_CHECKOUT_CARTS: String(carts), ...counter?.env },
    { command: COMMAND, cluster: CLUSTER || undefined, port: PORT, nodeArgs: counter?.nodeArgs }
  )
  const { seed, db, base } = app
  const rows = new Map<string, Row>()
  let bookings: Record<string, number> = {}
  let figures: Awaited<ReturnType<typeof machine>>
  try {
    const spread = await insertSpreadKeys(db, "res_spread_")
    await sellSpreadKeys(db, "res_spread_", seed.bookable_variant)
    const pool = [...seed.checkout_carts]
    const take = (n: number) => pool.splice(0, n)
    const send = storeRequests(base, seed, spread)

    const statements = () => counter?.count(app.pid) ?? Promise.resolve(NaN)
    async function measure(name: string, clients: number, run: () => Promise<Driven>) {
      const before = await statements()
      const d = await run()
      const sent = (await statements()) - before
      const broken = await invariantBreaks(db)
      const row = rows.get(`${name}|${clients}`) ?? { name, clients, rounds: [], invariant_breaks: 0, statements: 0 }
      row.rounds.push(d)
      row.invariant_breaks = Math.max(row.invariant_breaks, broken)
      row.statements += sent
      rows.set(`${name}|${clients}`, row)
      process.stdout.write(`${name} ×${clients}: ${d.requests} in ${d.seconds} s, ${d.per_s}/s, mean ${d.mean_ms} ms, p99 ${d.p99} ms, ${(sent / d.requests).toFixed(1)} statements each, ${d.failed} failed, ${broken} invariant breaks${d.first_failure ? `\n  ${d.first_failure}` : ""}\n`)
    }
    const prepare = (cartIds: string[]) => prepareCarts(base, seed, cartIds)

    // Warm-up: the first requests of a route compile it and fill caches.
    await drive({ clients: 4, seconds: 2 }, () => send.regions())
    await drive({ clients: 4, seconds: 2 }, (_, i) => send.hold(i))
    await drive({ clients: 4, seconds: 2 }, () => send.availability())
    const warm = { plain: take(WARM_CARTS), bookable: take(WARM_CARTS) }
    for (const kind of ["plain", "bookable"] as const) {
      await drive({ clients: 4, jobs: warm[kind] }, (cart, i) => send.add(kind, cart!, i))
      await prepare(warm[kind])
      await drive({ clients: 4, jobs: warm[kind] }, (cart) => send.complete(cart!))
    }

    // The plugin's store routes beside Medusa's GET /store/regions.
    const timed: [string, (i: number) => Promise<Outcome>][] = [
      ["GET /store/regions", () => send.regions()],
      ["POST /store/resource-booking/holds", (i) => send.hold(i)],
      ["GET variant availability, 31 days", () => send.availability()],
    ]
    for (const clients of GROUPS.includes("routes") ? CLIENTS : []) {
      for (let r = 0; r < ROUNDS; r++) {
        for (let k = 0; k < timed.length; k++) {
          const [name, one] = timed[(k + r) % timed.length]
          await measure(name, clients, () => drive({ clients, seconds: SECONDS }, (_, i) => one(i)))
        }
      }
    }

    // Add to cart, then complete: a plain variant beside a bookable one.
    const filled = { plain: [] as string[], bookable: [] as string[] }
    const cartRows = GROUPS.includes("cart") ? CLIENTS : []
    for (const clients of cartRows) {
      for (let r = 0; r < ROUNDS; r++) {
        for (const kind of r % 2 ? (["bookable", "plain"] as const) : (["plain", "bookable"] as const)) {
          const jobs = take(ADDS[clients])
          filled[kind].push(...jobs)
          await measure(`add to cart, ${kind} variant`, clients, () => drive({ clients, jobs }, (cart, i) => send.add(kind, cart!, i)))
        }
      }
    }
    const perKind = ROUNDS * CLIENTS.reduce((a, c) => a + COMPLETES[c], 0)
    const ready = { plain: filled.plain.slice(0, perKind), bookable: filled.bookable.slice(0, perKind) }
    await prepare([...ready.plain, ...ready.bookable])
    for (const clients of cartRows) {
      for (let r = 0; r < ROUNDS; r++) {
        for (const kind of r % 2 ? (["bookable", "plain"] as const) : (["plain", "bookable"] as const)) {
          const jobs = ready[kind].splice(0, COMPLETES[clients])
          await measure(`complete, ${kind} cart`, clients, () => drive({ clients, jobs }, (cart) => send.complete(cart!)))
        }
      }
    }

    // For scale: a route outside the store pipeline (no publishable key, no session).
    await measure("GET /health", 16, () => drive({ clients: 16, seconds: SECONDS }, () => send.health()))

    // Every booking the checkout rows made: active after add to cart, confirmed by completion.
    const { rows: holds } = await db.query(
      `SELECT status, count(*)::int AS n FROM booking_hold WHERE resource_id = $1 AND deleted_at IS NULL GROUP BY 1`,
      [seed.bookable_resource]
    )
    bookings = Object.fromEntries(holds.map((h) => [h.status, h.n]))
    figures = await machine(db)
  } finally {
    await app.stop()
    counter?.remove()
  }
  report(inProcess, [...rows.values()], bookings, figures!)
}

type Pair = { what: string; base: string; other: string; kind: "overhead" | "throughput"; target: number }
const PAIRS: Pair[] = [
  { what: "add to cart: bookable ÷ plain", base: "add to cart, plain variant", other: "add to cart, bookable variant", kind: "overhead", target: TARGETS.addToCart },
  { what: "complete: with bookings ÷ plain", base: "complete, plain cart", other: "complete, bookable cart", kind: "overhead", target: TARGETS.complete },
  { what: "hold route ÷ GET /store/regions", base: "GET /store/regions", other: "POST /store/resource-booking/holds", kind: "throughput", target: TARGETS.vsRegions },
  { what: "availability (31 days) ÷ GET /store/regions", base: "GET /store/regions", other: "GET variant availability, 31 days", kind: "throughput", target: TARGETS.vsRegions },
]

/**
 * A pair's ratios from each side's best round (on a shared machine, other
 * work only ever slows a round down): for an overhead, the other side's time
 * per request over the base's, and the base's throughput over the other's
 * (≤ target: booking adds at most that); for throughput, the other side's
 * requests/s over the base's (≥ target). Each round's own throughput ratio
 * (the two sides ran back to back) shows the spread.
 */
function pairRatios(pair: Pair, base: Driven[], other: Driven[]) {
  const best = (xs: Driven[]) => ({ mean_ms: Math.min(...xs.map((x) => x.mean_ms)), per_s: Math.max(...xs.map((x) => x.per_s)) })
  const b = best(base)
  const o = best(other)
  if (pair.kind === "overhead") {
    const time = o.mean_ms / b.mean_ms
    const rate = b.per_s / o.per_s
    const rounds = base.map((x, i) => (other[i] ? x.per_s / other[i].per_s : NaN))
    return { values: [time, rate], text: `time per request ${time.toFixed(2)}×, throughput ${rate.toFixed(2)}×`, rounds, met: time <= pair.target && rate <= pair.target }
  }
  const rate = o.per_s / b.per_s
  const rounds = base.map((x, i) => (other[i] ? other[i].per_s / x.per_s : NaN))
  return { values: [rate], text: `throughput ${rate.toFixed(2)}×`, rounds, met: rate >= pair.target }
}

function report(
  inProcess: Awaited<ReturnType<typeof benchHoldsInProcess>>,
  rows: Row[],
  bookings: Record<string, number>,
  m: Awaited<ReturnType<typeof machine>>
) {
  const find = (name: string, clients: number) => rows.find((r) => r.name === name && r.clients === clients)
  const ok = (name: string) => rows.filter((r) => r.name === name).reduce((a, r) => a + r.rounds.reduce((x, d) => x + d.ok, 0), 0)
  const expected = {
    confirmed: WARM_CARTS + ok("complete, bookable cart"),
    active: WARM_CARTS + ok("add to cart, bookable variant") - (WARM_CARTS + ok("complete, bookable cart")),
  }
  const bookingsRight = (bookings.confirmed ?? 0) === expected.confirmed && (bookings.active ?? 0) === expected.active
  const failures = rows.reduce((a, r) => a + r.rounds.reduce((x, d) => x + d.failed, 0), 0)
  const breaks = Math.max(0, ...rows.map((r) => r.invariant_breaks), ...inProcess.map((r) => r.invariant_breaks))
  const ratios = PAIRS.flatMap((pair) =>
    CLIENTS.map((clients) => {
      const base = find(pair.base, clients)
      const other = find(pair.other, clients)
      const perRequest = (r: Row) => (r.statements / merge(r.rounds).requests).toFixed(1)
      return base && other
        ? { pair, clients, statements: `${perRequest(base)} → ${perRequest(other)}`, ...pairRatios(pair, base.rounds, other.rounds) }
        : undefined
    })
  ).filter((r) => r !== undefined)
  const sixteen = inProcess.find((r) => r.clients === 16 && r.keys.startsWith("spread"))
  const cmp = (p: Pair) => (p.kind === "overhead" ? "≤" : "≥")
  const section = [
    "<!-- http:start -->",
    "## Checkout overhead over HTTP (`npm run bench:http`)",
    "",
    `Machine: ${describeMachine(m)}. The app as \`medusa ${COMMAND}\`${COMMAND === "start" ? " (production mode)" : ""}${CLUSTER ? ` with --cluster ${CLUSTER}` : ", one Node process"}, in-memory event bus and workflow engine, on the same machine as PostgreSQL and the clients. Measured ${new Date().toISOString().slice(0, 16)}Z.`,
    "",
    `Each ratio compares two rows of this run, measured in ${ROUNDS} rounds that alternate which side goes first, from each side's best round (other work on a shared machine only slows a round down). Clients are closed-loop: each sends its next request when the last one answered, over keep-alive connections. A cart row gives each request a cart of its own (${Object.entries(ADDS).map(([c, n]) => `${n} adds`).join(" / ")} and ${Object.entries(COMPLETES).map(([c, n]) => `${n} completions`).join(" / ")} per round at ${CLIENTS.join(" / ")} clients); the other rows run ${SECONDS} s per round.`,
    "The plain variant books nothing; the bookable one books a resource with ample capacity on one of 30 days. A completed cart had one line, an address, the €5 shipping method and a `pp_system_default` payment session (`prepareCheckout`, untimed).",
    "",
    "| comparison | clients | ratio | each round (throughput) | SQL statements per request | target | |",
    "|---|---:|---|---|---|---|---|",
    ...ratios.map((r) => `| ${r.pair.what} | ${r.clients} | ${r.text} | ${r.rounds.map((x) => x.toFixed(2)).join(", ")} | ${r.statements} | ${cmp(r.pair)} ${r.pair.target.toFixed(2)} | ${r.met ? "met" : "MISSED"} |`),
    `| in-process placeHolds, 16 callers | 16 | ${sixteen?.holds_per_s ?? "?"} holds/s | | | ≥ ${TARGETS.inProcess.toLocaleString("en")} holds/s | ${sixteen && sixteen.holds_per_s >= TARGETS.inProcess ? "met" : "MISSED"} |`,
    "",
    `Invariant breaks after each row: ${breaks}. Failed requests: ${failures}. Holds of the bookable resource at the end: ${bookings.confirmed ?? 0} confirmed (one per bookable cart completed: ${expected.confirmed}), ${bookings.active ?? 0} active (bookable lines added, not completed: ${expected.active}): ${bookingsRight ? "as expected" : "MISMATCH"}.`,
    "",
    "| request | clients | requests | req/s, best round | mean ms, best round | req/s, all rounds | p50 ms | p95 ms | p99 ms | SQL statements per request | failed | invariant breaks |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map((r) => {
      const d = merge(r.rounds)
      const best = `${Math.max(...r.rounds.map((x) => x.per_s))} | ${Math.min(...r.rounds.map((x) => x.mean_ms))}`
      return `| ${r.name} | ${r.clients} | ${d.requests} | ${best} | ${d.per_s} | ${d.p50} | ${d.p95} | ${d.p99} | ${(r.statements / d.requests).toFixed(1)} | ${d.failed} | ${r.invariant_breaks} |`
    }),
    "",
    `The module alone, in-process (\`bench/holds-in-process.ts\`: placeHolds from concurrent callers on pooled connections, no HTTP, no workflow), ${SECONDS * 2} s per row:`,
    "",
    "| keys | callers | holds | holds/s | p50 ms | p95 ms | p99 ms | invariant breaks |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...inProcess.map((r) => `| ${r.keys} | ${r.clients} | ${r.holds} | ${r.holds_per_s} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.invariant_breaks} |`),
    "",
    ...whereTheTimeGoes((name) => {
      const r = rows.find((x) => x.name === name)
      return r ? (r.statements / merge(r.rounds).requests).toFixed(0) : "?"
    }),
    "<!-- http:end -->",
  ].join("\n")
  const file = path.join(__dirname, "RESULTS.md")
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Benchmark results\n"
  fs.writeFileSync(
    file,
    current.includes("<!-- http:start -->")
      ? current.replace(/<!-- http:start -->[\s\S]*<!-- http:end -->/, section)
      : `${current.trimEnd()}\n\n${section}\n`
  )
  const json = {
    date: new Date().toISOString(),
    machine: m,
    ratios: ratios.map((r) => ({ comparison: r.pair.what, clients: r.clients, values: r.values, rounds: r.rounds, target: r.pair.target, met: r.met })),
    rows: rows.map((r) => ({ name: r.name, clients: r.clients, invariant_breaks: r.invariant_breaks, ...merge(r.rounds), times: undefined })),
    in_process: inProcess,
    bookings,
  }
  fs.writeFileSync(path.join(__dirname, "http-results.json"), JSON.stringify(json, null, 2) + "\n")
  process.stdout.write(`${section}\n`)
  process.exit(failures === 0 && breaks === 0 && bookingsRight ? 0 : 1)
}

/**
 * Why the ratios come out as they do. `st(row)` is this run's SQL statements
 * per request of a row (machine-independent); the rest is from
 * `npm run bench:profile` and from experiments measured once by hand.
 */
function whereTheTimeGoes(st: (name: string) => string) {
  return [
    "Where the time goes (statement counts from this run; CPU from `npm run bench:profile`, `bench/profile.md`):",
    "",
    `- **Add to cart.** Medusa's add to cart sends ${st("add to cart, plain variant")} statements for a plain variant and costs 120-200 ms of server CPU on this machine, so one Node process completes only a few per second, with 1 client or 16; the 16-client rows measure the same CPU-bound throughput with longer queues. A bookable variant sends ${st("add to cart, bookable variant")}: the plugin's hook reads the cart's lines and what their variants book, then syncs the holds: it reads the cart's holds, plans, and sends the plan as one call of the sync function (locks, lazy expiry, the insert and the commit in that one statement; docs/design.md §2.8). A plain cart pays the reads too (4 statements with the check that it holds nothing), so "plain" here is Medusa with the plugin installed.`,
    `- **Complete.** ${st("complete, plain cart")} statements for a plain cart, ${st("complete, bookable cart")} with a booking: the hook's reads, the order id, and one transaction that confirms the holds. On a machine this busy the difference between the two is within the spread of the rounds; the per-round column shows it.`,
    `- **Hold route.** ${st("POST /store/resource-booking/holds")} statements against ${st("GET /store/regions")} for \`GET /store/regions\`: both pay the publishable-key lookup (2); the hold adds the workflow engine's execution lookup, the cart check, and one call of the place function (lock, lazy expiry, check and insert, committed as one statement), and writes, so its commit waits for the WAL. Measured once by hand on this machine (2026-12-06, a temporary route, not committed): the same hold through the module without \`createHoldsWorkflow\` (7 statements) did 0.81× and 0.93× of \`GET /store/regions\` at 1 and 16 clients, against 0.56× and 0.77× for the route with the workflow in the same run. The workflow stays: it gives compensation and the \`holdsCreated\` hook a store needs.`,
    `- **Availability.** ${st("GET variant availability, 31 days")} statements, as many as \`GET /store/regions\`: the publishable-key lookup (2), the variant's link to its resource, then \`getAvailability\`'s read of the resource (which also refuses an inactive one) and the days. The route reads the link first and the variant itself only to word a 404. Before that change it read the variant with its resource through one \`query.graph\` (3 statements) and the resource again (7 in all), and did 0.70× and 0.81× of \`GET /store/regions\` at 1 and 16 clients (2026-12-06, this machine).`,
    "- **In-process placeHolds.** One round trip per hold since 2026-12-07: one call of a PL/pgSQL function, an autocommit statement (docs/design.md §2.8); before, four (`BEGIN`, lock and lazy expiry, check and insert, `COMMIT`) through MikroORM's transaction wrapping, which `npm run bench:rush` keeps as its baseline and beats by 3.9× in holds/s on 64 spread keys with 1 ms of delay each way and by 5.0× direct (2026-12-07). The two statements could not be merged into one, because the capacity check must read after the locks are held and a statement's snapshot is taken before it locks; inside a VOLATILE function each statement takes its own. By `bench:profile` of the four-statement path (`bench/profile.md`, 2026-12-06T09:06Z), 1.3 ms of the process's CPU per hold, half of it writing to PostgreSQL's socket (`writeBuffer`) and under 0.1 ms in the plugin's own functions: the round trips were the cost. Tried by hand on this machine (2026-12-06, spread keys, 16 callers, not committed): `synchronous_commit = off` for the bench's role gave 676 and 626 holds/s against 610 and 813 with it on, alternating, so waiting for the WAL flush is not the limit (16 callers share commits); a Unix socket instead of TCP gave 878 against 720 in one run each, within the spread of runs. The limit is CPU: the callers, Node's driver and PostgreSQL share two cores.",
    "- **Hot keys.** Holds on one (resource, day) wait for its advisory lock for the length of one call (`npm run bench:rush` measures a rush on one key); over HTTP the CPU is the limit first.",
    "",
  ]
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`)
  process.exit(1)
})
