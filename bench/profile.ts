import fs from "fs"
import inspector from "inspector"
import os from "os"
import path from "path"
import { MAX_QUANTITY } from "../src/modules/resource_booking/utils/limits"
import { startSeededApp } from "./app"
import { drive, type Driven, type Outcome } from "./drive"
import { benchHoldsInProcess } from "./holds-in-process"
import { insertSpreadKeys, sellSpreadKeys } from "./spread-keys"
import { prepareCarts, storeRequests, type CartKind } from "./store-requests"

// `npm run bench:profile`: one CPU profile of the app (`medusa start` under
// `node --cpu-prof`) while 1, then 16 clients send, one route after another, the
// requests `npm run bench:http` compares; then where the server's time went
// for each route, by package and by function. The profile's clock is the
// machine's monotonic clock, the same as process.hrtime here, so each
// route's own window is cut out of the one profile. Writes bench/profile.md;
// the raw .cpuprofile stays in PROFILE_DIR (open it in Chrome DevTools →
// Performance). PROFILE_SECONDS per timed route, PROFILE_CARTS per cart route.
const PORT = process.env.PROFILE_PORT ? Number(process.env.PROFILE_PORT) : undefined
const SECONDS = Number(process.env.PROFILE_SECONDS || 10)
const CARTS = Number(process.env.PROFILE_CARTS || 160)
const CLIENTS = (process.env.PROFILE_CLIENTS || "1,16").split(",").map(Number)
const DIR = process.env.PROFILE_DIR || path.join(os.tmpdir(), `rb-profile-${process.pid}`)
const COMMAND = (process.env.PROFILE_COMMAND || "start") as "start" | "develop"

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
type Phase = { name: string; from: bigint; to: bigint; driven: Pick<Driven, "requests" | "per_s" | "mean_ms" | "seconds" | "failed"> }
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const now = () => process.hrtime.bigint() / 1000n

function owner(url: string) {
  if (!url) return "(native / V8)"
  const nm = url.lastIndexOf("node_modules/")
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split("/")
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]
  }
  if (url.includes("/src/")) return "this plugin (src/)"
  if (url.startsWith("node:")) return "node core"
  return url
}

async function main() {
  fs.rmSync(DIR, { recursive: true, force: true })
  fs.mkdirSync(DIR, { recursive: true })
  const app = await startSeededApp(
    "rb_profile",
    // 64 carts take every hold: lift the per-cart cap (its sum is still paid).
    { HOLD_CLEANUP_INTERVAL: "0 0 * * 0", MAX_QUANTITY_PER_CART: String(MAX_QUANTITY), SEED_CHECKOUT_CARTS: String(2 * CLIENTS.length * CARTS + 16) },
    { command: COMMAND, port: PORT, nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${DIR}`] }
  )
  const phases: Phase[] = []
  try {
    const spread = await insertSpreadKeys(app.db, "res_spread_")
    await sellSpreadKeys(app.db, "res_spread_", app.seed.bookable_variant)
    const send = storeRequests(app.base, app.seed, spread)
    const pool = [...app.seed.checkout_carts]
    const filled: Record<CartKind, string[]> = { plain: [], bookable: [] }
    const phase = async (name: string, run: () => Promise<Driven>) => {
      const from = now()
      const driven = await run()
      phases.push({ name, from, to: now(), driven })
      process.stdout.write(`${name}: ${driven.requests} requests, ${driven.per_s}/s, ${driven.failed} failed\n`)
    }

    // Warm-up, outside every window.
    for (const kind of ["plain", "bookable"] as CartKind[]) {
      const warm = pool.splice(0, 8)
      await drive({ clients: 4, jobs: warm }, (cart, i) => send.add(kind, cart!, i))
      await prepareCarts(app.base, app.seed, warm)
      await drive({ clients: 4, jobs: warm }, (cart) => send.complete(cart!))
    }
    await drive({ clients: 4, seconds: 2 }, (_, i) => Promise.all([send.regions(), send.hold(i), send.availability()]).then(() => ({ ok: true })))

    for (const clients of CLIENTS) {
      const timed = (one: (i: number) => Promise<Outcome>) => () => drive({ clients, seconds: SECONDS }, (_, i) => one(i))
      await phase(`GET /store/regions ×${clients}`, timed(() => send.regions()))
      await phase(`POST /store/resource-booking/holds ×${clients}`, timed((i) => send.hold(i)))
      await phase(`GET variant availability, 31 days ×${clients}`, timed(() => send.availability()))
      // One client takes as long with a quarter of the carts.
      const carts = clients === 1 ? Math.ceil(CARTS / 4) : CARTS
      for (const kind of ["plain", "bookable"] as CartKind[]) {
        const jobs = pool.splice(0, carts)
        filled[kind] = jobs
        await phase(`add to cart, ${kind} variant ×${clients}`, () => drive({ clients, jobs }, (cart, i) => send.add(kind, cart!, i)))
      }
      await prepareCarts(app.base, app.seed, [...filled.plain, ...filled.bookable])
      for (const kind of ["plain", "bookable"] as CartKind[]) {
        await phase(`complete, ${kind} cart ×${clients}`, () => drive({ clients, jobs: filled[kind] }, (cart) => send.complete(cart!)))
      }
    }
  } finally {
    await app.stop()
  }

  const files = fs.readdirSync(DIR).filter((f) => f.endsWith(".cpuprofile"))
  if (!files.length) throw new Error(`no profile written to ${DIR}`)
  // With --cluster there is one profile per process; the busiest is the server.
  const profiles = files.map((f) => JSON.parse(fs.readFileSync(path.join(DIR, f), "utf8")))
  const profile = profiles.sort((a, b) => b.samples.length - a.samples.length)[0]
  const inProcess = await profileInProcess()
  const server = analyse(profile, phases, "server")
  const mod = analyse(inProcess.profile, inProcess.phases, "process")
  const md = [
    "# Where the server's time goes (`npm run bench:profile`)",
    "",
    `\`medusa ${COMMAND}\` under \`node --cpu-prof\` on ${os.cpus().length} cores (${os.cpus()[0]?.model}; load average ${os.loadavg()[0].toFixed(1)} at the end of the run), ${CLIENTS.join(" then ")} clients, one route after another (${SECONDS} s per timed route, ${CARTS} carts per cart route); measured ${new Date().toISOString().slice(0, 16)}Z. The profile samples the server's main thread; PostgreSQL's own time and the clients' are not in it. "Under the plugin" counts samples with one of the plugin's functions (src/) on the synchronous stack: a lower bound, since work the ORM resumes after an await has no caller on the stack.`,
    "",
    "| route | requests | req/s | mean ms | server CPU ms per request | under the plugin | garbage collector | idle |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...server.summary,
    "",
    `The module alone, in the bench's own process (\`bench/holds-in-process.ts\` under the inspector's profiler, ${SECONDS} s per key set; the database is the bench's, not the app's):`,
    "",
    "| work | holds | holds/s | mean ms | process CPU ms per hold | under the plugin | garbage collector | idle |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...mod.summary,
    "",
    ...server.sections,
    ...mod.sections,
  ].join("\n")
  fs.writeFileSync(path.join(__dirname, "profile.md"), md)
  process.stdout.write(md)
  process.exit(0)
}


/** Self time in each phase's window of `profile`: a summary row and a section per phase. */
function analyse(profile: Profile, phases: Phase[], who: string) {
  const nodes = new Map<number, Node>(profile.nodes.map((n: Node) => [n.id, n]))
  // Whether a node runs under one of the plugin's own functions (src/) on the synchronous stack.
  const parent = new Map<number, number>()
  for (const n of profile.nodes as Node[]) for (const c of n.children ?? []) parent.set(c, n.id)
  const underPlugin = new Map<number, boolean>()
  const isUnderPlugin = (id: number): boolean => {
    if (underPlugin.has(id)) return underPlugin.get(id)!
    const n = nodes.get(id)!
    const p = parent.get(id)
    const v = (owner(n.callFrame.url) === "this plugin (src/)") || (p !== undefined && isUnderPlugin(p))
    underPlugin.set(id, v)
    return v
  }

  const sections: string[] = []
  const summary: string[] = []
  for (const ph of phases) {
    const self = new Map<number, number>()
    let at = profile.startTime
    profile.samples.forEach((id: number, k: number) => {
      at += profile.timeDeltas[k] ?? 0
      if (at >= Number(ph.from) && at <= Number(ph.to)) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[k] ?? 0))
    })
    const byOwner = new Map<string, number>()
    const byFunction = new Map<string, number>()
    let busy = 0
    let idle = 0
    let plugin = 0
    let gc = 0
    for (const [id, us] of self) {
      const { functionName, url, lineNumber } = nodes.get(id)!.callFrame
      if (functionName === "(idle)") {
        idle += us
        continue
      }
      busy += us
      if (functionName === "(garbage collector)") gc += us
      if (isUnderPlugin(id)) plugin += us
      const o = ["(garbage collector)", "(program)"].includes(functionName) ? functionName : owner(url)
      byOwner.set(o, (byOwner.get(o) ?? 0) + us)
      const f = `${functionName || "(anonymous)"} ${url.split("node_modules/").pop()}:${lineNumber + 1}`
      byFunction.set(f, (byFunction.get(f) ?? 0) + us)
    }
    const n = ph.driven.requests
    const perReq = (us: number) => (us / n / 1000).toFixed(2)
    const top = (m: Map<string, number>, k: number) =>
      [...m].sort((a, b) => b[1] - a[1]).slice(0, k)
        .map(([name, us]) => `| ${name.replace(/\|/g, "\\|")} | ${(us / 1000).toFixed(0)} | ${((us / busy) * 100).toFixed(1)}% | ${perReq(us)} |`)
    summary.push(`| ${ph.name} | ${n} | ${ph.driven.per_s} | ${Number.isNaN(ph.driven.mean_ms) ? "—" : ph.driven.mean_ms} | ${perReq(busy)} | ${perReq(plugin)} | ${perReq(gc)} | ${((idle / (busy + idle)) * 100).toFixed(0)}% |`)
    sections.push(
      `## ${ph.name}`,
      "",
      `${n} requests in ${ph.driven.seconds} s (${ph.driven.per_s}/s, ${ph.driven.failed} failed): ${who} CPU ${(busy / 1e6).toFixed(1)} s busy, ${(idle / 1e6).toFixed(1)} s idle.`,
      "",
      "| by package | self ms | share | ms per request |",
      "|---|---:|---:|---:|",
      ...top(byOwner, 15),
      "",
      "| by function (self time) | self ms | share | ms per request |",
      "|---|---:|---:|---:|",
      ...top(byFunction, 20),
      ""
    )
  }
  return { summary, sections }
}

/**
 * The module alone, in this process: placeHolds from 16 callers (what
 * bench:http measures in-process), under the inspector's profiler, whose
 * clock is the same monotonic clock.
 */
async function profileInProcess() {
  const session = new inspector.Session()
  session.connect()
  const post = (method: string) =>
    new Promise<any>((resolve, reject) => session.post(method, (e, r) => (e ? reject(e) : resolve(r))))
  await post("Profiler.enable")
  await post("Profiler.start")
  const from = now()
  const rows = await benchHoldsInProcess(SECONDS, [16])
  const to = now()
  const { profile } = await post("Profiler.stop")
  session.disconnect()
  const holds = rows.reduce((a, r) => a + r.holds, 0)
  const seconds = Number(to - from) / 1e6
  const phases: Phase[] = [{
    name: "placeHolds in-process ×16 (hot, then spread keys)",
    from,
    to,
    driven: { requests: holds, per_s: Math.round(holds / seconds), mean_ms: NaN, seconds: Math.round(seconds), failed: 0 },
  }]
  return { profile: profile as Profile, phases }
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`)
  process.exit(1)
})
