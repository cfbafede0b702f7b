import fs from "fs"
import path from "path"
import autocannon from "autocannon"
import { startSeededApp } from "./app"

// `npm run bench:profile`: a CPU profile of the app while 16 clients create
// holds (spread keys), and where the server's time went, by package and by
// function. Writes bench/profile.md; the raw .cpuprofile stays in PROFILE_DIR
// (open it in Chrome DevTools → Performance).
const PORT = process.env.PROFILE_PORT ? Number(process.env.PROFILE_PORT) : undefined
const SECONDS = Number(process.env.PROFILE_SECONDS || 15)
const DIR = process.env.PROFILE_DIR || path.join(require("os").tmpdir(), "rb-profile")
const COMMAND = (process.env.PROFILE_COMMAND || "start") as "start" | "develop"

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }

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
  const app = await startSeededApp("rb_profile", { HOLD_CLEANUP_INTERVAL: "0 0 * * 0" }, {
    command: COMMAND,
    port: PORT,
    nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${DIR}`],
  })
  const { seed, db } = app
  await db.query(`UPDATE booking_capacity SET max_capacity = 1000000, available_capacity = 1000000; ANALYZE`)
  const headers = { "content-type": "application/json", "x-publishable-api-key": seed.key }
  let i = 0
  const request = {
    url: `${app.base}/store/resource-booking/holds`,
    method: "POST",
    headers,
    requests: [
      {
        setupRequest: (req: any) => {
          i++
          const date = new Date(Date.now() + (1 + (i % 28)) * 86_400_000).toISOString().slice(0, 10)
          req.body = JSON.stringify({ cart_id: seed.carts[i % seed.carts.length], resource_id: seed.resources[i % seed.resources.length], date, quantity: 1 })
          return req
        },
      },
    ],
  }
  await autocannon({ ...request, connections: 4, duration: 3 } as any) // warm-up
  const r = await autocannon({ ...request, connections: 16, duration: SECONDS } as any)
  await app.stop()

  const files = fs.readdirSync(DIR).filter((f) => f.endsWith(".cpuprofile"))
  if (!files.length) throw new Error(`no profile written to ${DIR}`)
  // With --cluster there is one profile per process; the busiest is the server.
  const profiles = files.map((f) => JSON.parse(fs.readFileSync(path.join(DIR, f), "utf8")))
  const profile = profiles.sort((a, b) => b.samples.length - a.samples.length)[0]
  const nodes = new Map<number, Node>(profile.nodes.map((n: Node) => [n.id, n]))
  const self = new Map<number, number>()
  // Only the measured window (the profile also covers startup and warm-up):
  // the app stops right after the run, so it is the profile's last seconds.
  const windowStart = profile.endTime - (SECONDS + 1) * 1e6
  let at = profile.startTime
  profile.samples.forEach((id: number, k: number) => {
    at += profile.timeDeltas[k] ?? 0
    if (at >= windowStart) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[k] ?? 0))
  })
  const byOwner = new Map<string, number>()
  const byFunction = new Map<string, number>()
  let total = 0
  let idle = 0
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame
    if (functionName === "(idle)") {
      idle += us
      continue
    }
    total += us
    const o = ["(garbage collector)", "(program)"].includes(functionName) ? functionName : owner(url)
    byOwner.set(o, (byOwner.get(o) ?? 0) + us)
    const f = `${functionName || "(anonymous)"} ${url.split("node_modules/").pop()}:${lineNumber + 1}`
    byFunction.set(f, (byFunction.get(f) ?? 0) + us)
  }
  const holds = r.requests.total
  const top = (m: Map<string, number>, n: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n)
      .map(([k, us]) => `| ${k.replace(/\|/g, "\\|")} | ${(us / 1000).toFixed(0)} | ${(us / total * 100).toFixed(1)}% | ${(us / holds / 1000).toFixed(2)} |`)
  const md = [
    `# Where a hold's server time goes (\`npm run bench:profile\`)`,
    "",
    `\`medusa ${COMMAND}\` under \`node --cpu-prof\`, 16 clients creating holds for ${SECONDS} s, measured ${new Date().toISOString().slice(0, 16)}Z: ${holds} requests (${Math.round(holds / SECONDS)}/s, p99 ${r.latency.p99} ms, ${r.non2xx} non-2xx). In the last ${SECONDS + 1} s of the profile (the run and shutdown), busy CPU ${(total / 1e6).toFixed(1)} s, idle ${(idle / 1e6).toFixed(1)} s: ${(total / holds / 1000).toFixed(2)} ms of server CPU per request.`,
    "",
    "| by package | self ms | share | ms per request |",
    "|---|---:|---:|---:|",
    ...top(byOwner, 25),
    "",
    "| by function (self time) | self ms | share | ms per request |",
    "|---|---:|---:|---:|",
    ...top(byFunction, 40),
    "",
  ].join("\n")
  fs.writeFileSync(path.join(__dirname, "profile.md"), md)
  process.stdout.write(md)
  process.exit(0)
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`)
  process.exit(1)
})
