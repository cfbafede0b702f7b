import { execSync } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"
import { startSeededApp } from "../app"
import { SHIPPING_ADDRESS } from "../../integration-tests/helpers/storefront"
import { invariantBreaks } from "../database"
import { describeMachine, machine } from "../machine"
import { percentile as pct } from "../percentile"

// `npm run bench:load`: 5 minutes (LOAD_SECONDS) of mixed traffic from 32
// clients against a running app while the cleanup job runs every 3 seconds
// and an operator forces sweeps too: the holds API, availability, and
// shoppers who check out a bookable and a plain line through Medusa's cart. Checks: no 5xx, no invariant breach, the
// server's memory flat (RSS, and the live heap after a full GC every 30 s).
// The app runs as `medusa start` (production); LOAD_COMMAND=develop for the
// dev server. Writes its section of bench/RESULTS.md.
const SECONDS = Number(process.env.LOAD_SECONDS || 300)
const CLIENTS = Number(process.env.LOAD_CLIENTS || 32)
const PORT = process.env.LOAD_PORT ? Number(process.env.LOAD_PORT) : undefined
let BASE = ""
const COMMAND = (process.env.LOAD_COMMAND || "start") as "start" | "develop"
const HEAP_FILE = path.join(os.tmpdir(), `rb-load-heap-${process.pid}.jsonl`)
const env = { HOLD_CLEANUP_INTERVAL: "*/3 * * * * *", HOLD_TTL_MINUTES: "1", HEAP_PROBE_FILE: HEAP_FILE }

type Stat = { n: number; byClass: Record<string, number>; ms: number[] }
const stats: Record<string, Stat> = {}
function record(action: string, status: number, ms: number) {
  const s = (stats[action] ??= { n: 0, byClass: {}, ms: [] })
  s.n++
  const cls = `${Math.floor(status / 100)}xx`
  s.byClass[cls] = (s.byClass[cls] ?? 0) + 1
  s.ms.push(ms)
}

async function req(action: string, method: string, url: string, headers: Record<string, string>, body?: unknown) {
  const t = performance.now()
  const res = await fetch(`${BASE}${url}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const data: any = await res.json().catch(() => ({}))
  record(action, res.status, performance.now() - t)
  return { status: res.status, data }
}

function groupRssMb(pgid: number) {
  const out = execSync(`ps -o rss= -g ${pgid}`, { encoding: "utf8" })
  return Math.round(out.split("\n").filter(Boolean).reduce((a, l) => a + Number(l.trim()), 0) / 1024)
}

async function main() {
  fs.rmSync(HEAP_FILE, { force: true })
  const app = await startSeededApp("rb_load", env, {
    command: COMMAND,
    nodeArgs: ["--expose-gc", "-r", path.join(__dirname, "heap-probe.js")],
    port: PORT,
  })
  const { seed, db } = app
  BASE = app.base
  const login = await fetch(`${BASE}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: seed.email, password: seed.password }),
  }).then((r) => r.json())
  const adminH = { authorization: `Bearer ${login.token}` }
  const storeH = { "x-publishable-api-key": seed.key }

  const deadline = Date.now() + SECONDS * 1000
  const day = (i: number) => new Date(Date.parse(seed.from) + i * 86_400_000).toISOString().slice(0, 10)
  const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]
  const rss: { t: number; mb: number }[] = []
  const sampler = setInterval(() => rss.push({ t: Date.now(), mb: groupRssMb(app.pid) }), 5000)
  // Every process of the group gets the signal; only those with the probe answer.
  const heapProbe = setInterval(() => process.kill(-app.pid, "SIGUSR2"), 30_000)
  const operator = (async () => {
    while (Date.now() < deadline) {
      await req("admin: cleanup now", "POST", "/admin/resource-booking/cleanup", adminH, {})
      await new Promise((r) => setTimeout(r, 2000))
    }
  })()

  // A shopper's checkout, one request a turn: cart, a bookable line, a plain
  // line, address, shipping, payment, complete. A refusal abandons the cart.
  const checkout = async (state: { cart?: string; step: number }) => {
    const cartUrl = `/store/carts/${state.cart}`
    const steps: (() => Promise<{ status: number; data: any }>)[] = [
      () => req("store: create cart", "POST", "/store/carts", storeH, {
        region_id: seed.store.region_id, sales_channel_id: seed.store.sales_channel_id,
        email: `shopper-${Math.random().toString(36).slice(2)}@example.com`,
      }),
      () => req("store: add to cart, bookable", "POST", `${cartUrl}/line-items`, storeH, {
        variant_id: seed.bookable_variant, quantity: 1 + Math.floor(Math.random() * 2), metadata: { booking_date: day(1 + Math.floor(Math.random() * 28)) },
      }),
      () => req("store: add to cart, plain", "POST", `${cartUrl}/line-items`, storeH, { variant_id: seed.plain_variant, quantity: 1 }),
      () => req("store: checkout address", "POST", cartUrl, storeH, { shipping_address: SHIPPING_ADDRESS, billing_address: SHIPPING_ADDRESS }),
      () => req("store: checkout shipping", "POST", `${cartUrl}/shipping-methods`, storeH, { option_id: seed.store.shipping_option_id }),
      async () => {
        const r = await req("store: checkout payment collection", "POST", "/store/payment-collections", storeH, { cart_id: state.cart })
        return r.status >= 300 ? r : await req("store: checkout payment session", "POST", `/store/payment-collections/${r.data.payment_collection.id}/payment-sessions`, storeH, { provider_id: "pp_system_default" })
      },
      () => req("store: complete cart", "POST", `${cartUrl}/complete`, storeH, {}),
    ]
    const { status, data } = await steps[state.step]()
    if (status >= 300 || (state.step === steps.length - 1 && data.type !== "order")) {
      state.step = 0
    } else {
      if (state.step === 0) state.cart = data.cart.id
      state.step = (state.step + 1) % steps.length
    }
  }

  const client = async (c: number) => {
    const cart = seed.carts[c % seed.carts.length]
    const mine: string[] = []
    const shopper = { step: 0 }
    while (Date.now() < deadline) {
      const roll = Math.random()
      if (roll < 0.25) {
        await checkout(shopper)
      } else if (roll < 0.45) {
        const from = Math.floor(Math.random() * 20)
        await req("store: availability", "GET", `/store/resource-booking/resources/${pick(seed.resources)}/availability?from=${day(from)}&to=${day(from + 7)}`, storeH)
      } else if (roll < 0.7) {
        const { status, data } = await req("store: create hold", "POST", "/store/resource-booking/holds", storeH, {
          cart_id: cart, resource_id: pick(seed.resources), date: day(Math.floor(Math.random() * 30)), quantity: 1 + Math.floor(Math.random() * 3),
        })
        if (status === 200) mine.push(data.hold.id)
      } else if (roll < 0.75) {
        const { status, data } = await req("store: create holds (3 items)", "POST", "/store/resource-booking/holds", storeH, {
          cart_id: cart, items: [0, 1, 2].map(() => ({ resource_id: pick(seed.resources), date: day(Math.floor(Math.random() * 30)), quantity: 1 })),
        })
        if (status === 200) mine.push(...data.holds.map((h: any) => h.id))
      } else if (roll < 0.87 && mine.length) {
        await req("store: release", "POST", `/store/resource-booking/holds/${mine.splice(Math.floor(Math.random() * mine.length), 1)[0]}/release`, storeH, { cart_id: cart })
      } else if (roll < 0.96 && mine.length) {
        await req("store: extend", "POST", `/store/resource-booking/holds/${pick(mine)}/extend`, storeH, { cart_id: cart, minutes: 1 })
      } else {
        await req("admin: list holds", "GET", "/admin/resource-booking/holds?status=active&limit=50", adminH)
      }
    }
  }
  const started = Date.now()
  await Promise.all([...Array.from({ length: CLIENTS }, (_, c) => client(c)), operator])
  const elapsed = (Date.now() - started) / 1000
  clearInterval(sampler)
  clearInterval(heapProbe)
  process.kill(-app.pid, "SIGUSR2")
  await new Promise((r) => setTimeout(r, 3000))

  const inv = { broken: await invariantBreaks(db) }
  const { rows: holds } = await db.query(`SELECT status, count(*)::int AS n FROM booking_hold WHERE deleted_at IS NULL GROUP BY 1 ORDER BY 1`)
  const { rows: [orders] } = await db.query(`SELECT count(*)::int AS n FROM "order"`)
  const { rows: [runs] } = await db.query(`SELECT count(*)::int AS runs, coalesce(sum(expired_count), 0)::int AS expired, count(*) FILTER (WHERE error IS NOT NULL)::int AS failed FROM booking_cleanup_run`)
  const host = await machine(db)
  await app.stop()

  const total = Object.values(stats).reduce((a, s) => a + s.n, 0)
  const fivexx = Object.values(stats).reduce((a, s) => a + (s.byClass["5xx"] ?? 0), 0)
  const firstMin = rss.filter((s) => s.t - rss[0].t < 60_000)
  const lastMin = rss.filter((s) => rss[rss.length - 1].t - s.t < 60_000)
  const perMinute = (samples: { t: number; mb: number }[]) => {
    const minutes = new Map<number, { mb: number }[]>()
    for (const x of samples) {
      const m = Math.floor((x.t - samples[0].t) / 60_000)
      minutes.set(m, [...(minutes.get(m) ?? []), x])
    }
    return [...minutes.values()].map(avg)
  }
  const avg = (xs: { mb: number }[]) => Math.round(xs.reduce((a, s) => a + s.mb, 0) / Math.max(1, xs.length))
  // The server's live heap after a full GC; with develop, the busiest process is the server.
  const probes = fs.existsSync(HEAP_FILE)
    ? fs.readFileSync(HEAP_FILE, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l))
    : []
  const serverPid = [...probes].sort((a, b) => b.heap_used - a.heap_used)[0]?.pid
  const heap = probes.filter((p) => p.pid === serverPid).map((p) => ({ t: p.t, mb: Math.round(p.heap_used / 1048576) }))
  const heapGrowth = heap.length >= 4 ? heap[heap.length - 1].mb - heap[1].mb : NaN
  const lines = [
    "<!-- load:start -->",
    "## Load: mixed traffic against a running app (`npm run bench:load`)",
    "",
    `${CLIENTS} clients for ${Math.round(elapsed)} s on ${os.cpus().length} cores, the app (\`medusa ${COMMAND}\`${COMMAND === "start" ? ", production mode" : ""}, in-memory event bus and workflow engine) on the same machine; the cleanup job every 3 s and a forced sweep every 2 s; holds live 1 minute. A client's next action is random: a quarter of them are one step of its shopper's checkout (cart, a bookable line, a plain line, address, shipping, payment, complete), the rest availability, the holds API and the admin's hold list. Machine: ${describeMachine(host)}. Measured ${new Date().toISOString().slice(0, 16)}Z.`,
    "",
    "| action | requests | 2xx | 4xx | 5xx | p50 ms | p95 ms | p99 ms |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...Object.entries(stats).map(([a, s]) => `| ${a} | ${s.n} | ${s.byClass["2xx"] ?? 0} | ${s.byClass["4xx"] ?? 0} | ${s.byClass["5xx"] ?? 0} | ${pct(s.ms, 50)} | ${pct(s.ms, 95)} | ${pct(s.ms, 99)} |`),
    "",
    `- ${total} requests, ${Math.round(total / elapsed)} per second; **5xx: ${fivexx}**. The 4xx are refusals by design (not enough capacity, holds that expired before their release or extension). Orders placed: ${orders.n}.`,
    `- Invariant breaches after the run: **${inv.broken}**. Holds at the end: ${holds.map((h) => `${h.status} ${h.n}`).join(", ")}. Cleanup runs: ${runs.runs} (${runs.failed} failed), ${runs.expired} holds expired by sweeps (others lazily).`,
    `- Server memory (RSS of the app's process group, sampled every 5 s): first minute ${avg(firstMin)} MB, last minute ${avg(lastMin)} MB, peak ${Math.max(...rss.map((s) => s.mb))} MB; by minute: ${perMinute(rss).join(", ")} MB.`,
    `- Server live heap after a full GC (every 30 s, \`bench/load/heap-probe.js\`): ${heap.length ? `${heap.map((h) => h.mb).join(", ")} MB; from the first probe after warm-up to the last: ${heapGrowth >= 0 ? "+" : ""}${heapGrowth} MB` : "no probes (the app did not answer SIGUSR2)"}.`,
    `- Memory flat (live heap after GC grew at most 5% from the first probe after warm-up to the last): **${heap.length >= 4 ? (heapGrowth <= heap[1].mb * 0.05 ? "yes" : "NO") : "not measured"}**${heap.length >= 4 ? ` (${((heapGrowth / heap[1].mb) * 100).toFixed(1)}%)` : ""}.`,
    "<!-- load:end -->",
  ]
  const file = path.join(__dirname, "../RESULTS.md")
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Benchmark results\n"
  const section = lines.join("\n")
  const next = current.includes("<!-- load:start -->")
    ? current.replace(/<!-- load:start -->[\s\S]*<!-- load:end -->/, section)
    : `${current.trimEnd()}\n\n${section}\n`
  fs.writeFileSync(file, next)
  process.stdout.write(`${section}\n`)
  const heapFlat = heap.length < 4 || heapGrowth <= heap[1].mb * 0.05
  process.exit(fivexx === 0 && inv.broken === 0 && heapFlat ? 0 : 1)
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`)
  process.exit(1)
})
