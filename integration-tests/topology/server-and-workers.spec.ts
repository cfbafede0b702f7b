import { spawn, spawnSync, type ChildProcess } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"
import { Client } from "pg"
import { invariantViolations } from "../helpers/db"
import { claimRedisDatabase, databaseUrl, freePorts, runDatabase } from "../helpers/run"

jest.setTimeout(300_000)

// The production topology on this machine: PostgreSQL, Medusa's Redis modules,
// one server and two worker processes of the app (MEDUSA_WORKER_MODE). Holds
// are made through the server's HTTP API, expire, and the workers' schedules
// (every 2 s here) sweep them; the server's health reports the workers' runs.
const ROOT = path.join(__dirname, "../..")
const MEDUSA = path.join(ROOT, "node_modules/.bin/medusa")
const DB = runDatabase("rb_topology")
let SERVER_PORT: number
let WORKER_PORTS: number[]
const env: Record<string, string | undefined> = {
  ...process.env,
  DATABASE_URL: databaseUrl(DB),
  MEDUSA_DISABLE_TELEMETRY: "true",
  MEDUSA_ADMIN_DISABLE: "true",
  HOLD_CLEANUP_INTERVAL: "*/2 * * * * *",
  LOG_LEVEL: "error",
  NODE_ENV: "development",
  NODE_OPTIONS: "",
}
const processes: ChildProcess[] = []
/** The last output of each process, for the message when a wait times out. */
const output = new Map<string, string>()

function start(mode: "server" | "worker", port: number) {
  const child = spawn(MEDUSA, ["start"], {
    cwd: ROOT,
    // Workers log at info: their boot and every sweep's line, which the
    // message of a timed-out wait shows (a run of the full suite once waited
    // 120 s for their first sweeps with nothing to say why).
    env: { ...env, MEDUSA_WORKER_MODE: mode, PORT: String(port), HOST: "127.0.0.1", ...(mode === "worker" ? { LOG_LEVEL: "info" } : {}) },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  })
  const name = `${mode} :${port}`
  const keep = (chunk: Buffer) => output.set(name, ((output.get(name) ?? "") + chunk.toString()).slice(-3000))
  child.stdout!.on("data", keep)
  child.stderr!.on("data", keep)
  child.on("exit", (code, signal) => keep(Buffer.from(`\n[exited: ${code ?? signal}]\n`)))
  processes.push(child)
  return child
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe().catch(() => undefined)
    if (value) return value
    if (Date.now() > deadline) {
      const said = [...output].map(([name, text]) => `--- ${name}:\n${text.trim() || "(nothing)"}`).join("\n")
      throw new Error(`timed out waiting for ${what}\n${said}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
}

const http = async (method: string, url: string, headers: Record<string, string>, body?: unknown) => {
  const res = await fetch(`http://127.0.0.1:${SERVER_PORT}${url}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.status, data: (await res.json().catch(() => ({}))) as any }
}

describe("production topology: one server and two workers on PostgreSQL and Redis", () => {
  let admin: Client
  let db: Client
  let redis: Awaited<ReturnType<typeof claimRedisDatabase>>
  let seed: any

  beforeAll(async () => {
    // Medusa's Redis modules use fixed queue and key names; a database of
    // its own keeps another run's server and workers out of this one's.
    redis = await claimRedisDatabase()
    env.REDIS_URL = redis.url
    const [server, ...workers] = await freePorts(3)
    SERVER_PORT = server
    WORKER_PORTS = workers
    admin = new Client({ connectionString: databaseUrl("postgres") })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`)
    await admin.query(`CREATE DATABASE ${DB}`)
    const run = (args: string[], extra: Record<string, string> = {}) => {
      const r = spawnSync(MEDUSA, args, { cwd: ROOT, env: { ...env, ...extra }, encoding: "utf8" })
      if (r.status !== 0) throw new Error(`medusa ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`)
    }
    run(["db:migrate"])
    const seedFile = path.join(os.tmpdir(), `rb-topology-${process.pid}.json`)
    run(["exec", "./bench/load/seed.ts"], { LOAD_SEED_FILE: seedFile })
    seed = JSON.parse(fs.readFileSync(seedFile, "utf8"))
    db = new Client({ connectionString: env.DATABASE_URL })
    await db.connect()

    start("server", SERVER_PORT)
    for (const port of WORKER_PORTS) start("worker", port)
    await until("the server", async () => (await fetch(`http://127.0.0.1:${SERVER_PORT}/health`)).ok)
    // The workers are up once their schedule has swept at least twice.
    await until(
      "the workers' first runs",
      async () => (await db.query(`SELECT count(*) >= 2 AS ok FROM booking_cleanup_run WHERE trigger = 'schedule'`)).rows[0].ok,
      240_000
    )
  })

  afterAll(async () => {
    for (const p of processes) {
      try {
        process.kill(-p.pid!, "SIGKILL")
      } catch {
        // gone
      }
    }
    await db?.end()
    await admin?.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`)
    await admin?.end()
    await redis?.release()
  })

  it("holds made through the server expire once each, swept by the workers; the server's health shows their runs", async () => {
    const login = await http("POST", "/auth/user/emailpass", {}, { email: seed.email, password: seed.password })
    const adminH = { authorization: `Bearer ${login.data.token}` }
    const storeH = { "x-publishable-api-key": seed.key }

    const ids: string[] = []
    for (let i = 0; i < 40; i++) {
      const { status, data } = await http("POST", "/store/resource-booking/holds", storeH, {
        cart_id: seed.carts[i % seed.carts.length],
        resource_id: seed.resources[i % 4],
        date: seed.from,
        quantity: 1 + (i % 3),
      })
      expect(status).toBe(200)
      ids.push(data.hold.id)
    }
    const { rows: [before] } = await db.query(`SELECT coalesce(sum(expired_count), 0)::int AS n FROM booking_cleanup_run`)
    // Their TTL passes.
    await db.query(`UPDATE booking_hold SET expires_at = now() - interval '1 minute' WHERE id = ANY($1::text[])`, [ids])

    // A run records its expired_count when it finishes, just after its last
    // batch commits: wait for that too, or the sum below may miss it.
    await until("the workers to sweep every hold and record their runs", async () =>
      (
        await db.query(
          `SELECT (SELECT count(*) FROM booking_hold WHERE status = 'expired') = 40
             AND NOT EXISTS (SELECT 1 FROM booking_cleanup_run WHERE finished_at IS NULL) AS ok`
        )
      ).rows[0].ok
    )
    const { rows: [after] } = await db.query(
      `SELECT coalesce(sum(expired_count), 0)::int AS n, count(*) FILTER (WHERE error IS NOT NULL)::int AS failed,
              count(*) FILTER (WHERE trigger = 'manual')::int AS manual
       FROM booking_cleanup_run`
    )
    // Each hold expired exactly once, by the schedule, and nothing failed.
    expect(after.n - before.n).toBe(40)
    expect(after.failed).toBe(0)
    expect(after.manual).toBe(0)
    expect(await invariantViolations(db)).toEqual([])
    // The seed's holds-API resources (it also makes a checkout tour with far more capacity).
    const { rows: caps } = await db.query(
      `SELECT DISTINCT available_capacity, max_capacity FROM booking_capacity WHERE resource_id = ANY($1::text[])`,
      [seed.resources]
    )
    expect(caps).toEqual([{ available_capacity: 25, max_capacity: 25 }])

    const health = await http("GET", "/admin/resource-booking/health", adminH)
    expect(health.status).toBe(200)
    expect(health.data).toMatchObject({
      status: "healthy",
      holds: { active: 0, expired: 40 },
      cleanup_job: { status: "ok", schedule: "*/2 * * * * *", overdue_holds: 0, last_run: { trigger: "schedule", error: null } },
    })
    const { rows: [runs] } = await db.query(`SELECT count(*)::int AS n FROM booking_cleanup_run WHERE trigger = 'schedule'`)
    expect(runs.n).toBeGreaterThanOrEqual(3)
  })
})
