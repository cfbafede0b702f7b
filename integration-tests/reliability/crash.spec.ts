import { spawn, type ChildProcess } from "child_process"
import path from "path"
import { Client } from "pg"
import { invariantViolations, day } from "../helpers/db"
import { appProcessEnv, migratedAppDatabase, runDatabase } from "../helpers/run"
import { LOCK_AND_EXPIRE_FOR_KEYS } from "../../src/modules/resource_booking/locks/sql"

/** knex `?` placeholders as PostgreSQL's `$n`, to run the module's SQL on a plain client. */
const numbered = (sql: string) => {
  let n = 0
  return sql.replace(/\?/g, () => `$${++n}`)
}

jest.setTimeout(300_000)

// kill -9 a real app process (medusa exec) in the middle of a large sweep and
// in the middle of a placeHolds of several items; then check nothing was
// lost or counted twice.
const ROOT = path.join(__dirname, "../..")
const MEDUSA = path.join(ROOT, "node_modules/.bin/medusa")
const DB = runDatabase("rb_crash")
const env = appProcessEnv(DB, { HOLD_CLEANUP_INTERVAL: "0 0 * * 0" })
const N = 60_000
const children = new Set<ChildProcess>()

function startChild(extra: Record<string, string>) {
  const child = spawn(MEDUSA, ["exec", "./integration-tests/reliability/child.ts"], {
    cwd: ROOT,
    env: { ...env, ...extra },
    detached: true, // its own process group, so kill -9 reaches every process of it
    stdio: ["ignore", "pipe", "pipe"],
  })
  children.add(child)
  let out = ""
  child.stdout!.on("data", (c) => (out += c))
  child.stderr!.on("data", (c) => (out += c))
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
  const line = (marker: string) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const m = out.split("\n").find((l) => l.startsWith(marker))
        if (m) return resolve(m.slice(marker.length).trim())
      }
      child.stdout!.on("data", check)
      exited.then(() => {
        check()
        reject(new Error(`child exited before "${marker}":\n${out.slice(-2000)}`))
      })
    })
  return { child, exited, line, output: () => out }
}

function kill9(child: ChildProcess) {
  try {
    process.kill(-child.pid!, "SIGKILL")
  } catch {
    // already gone
  }
}

/** Polls the database until `sql` returns a row with ok = true. */
async function until(db: Client, sql: string, params: unknown[] = [], timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const { rows } = await db.query(sql, params)
    if (rows[0]?.ok) return
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${sql}`)
    await new Promise((r) => setImmediate(r))
  }
}

describe("crash (kill -9) in the middle of work", () => {
  let app: Awaited<ReturnType<typeof migratedAppDatabase>>
  let db: Client

  beforeAll(async () => {
    app = await migratedAppDatabase(DB, env)
    db = app.db
    // N overdue active holds over 100 keys, capacity consistent with them.
    await db.query(`
      INSERT INTO booking_resource (id, title, handle) SELECT 'res_' || i, 'R' || i, 'r-' || i FROM generate_series(1, 10) i;
      INSERT INTO booking_capacity (id, resource_id, date, max_capacity, available_capacity)
        SELECT 'cap_' || i || '_' || d, 'res_' || i, to_char(current_date + d, 'YYYY-MM-DD'), 1000, 1000 - ${N / 100}
        FROM generate_series(1, 10) i, generate_series(1, 10) d;
      INSERT INTO booking_hold (id, resource_id, date, quantity, status, expires_at)
        SELECT 'hold_' || g, 'res_' || (g % 10 + 1), to_char(current_date + (g / 10 % 10 + 1), 'YYYY-MM-DD'), 1, 'active',
          now() - interval '1 hour'
        FROM generate_series(0, ${N - 1}) g;`)
    expect(await invariantViolations(db)).toEqual([])
  })

  afterAll(async () => {
    for (const c of children) kill9(c)
    await app?.drop()
  })

  it("a sweep killed mid-way loses nothing and counts nothing twice; health shows the run never finished", async () => {
    const first = startChild({ CHILD_MODE: "sweep", CHILD_BATCH: "50" })
    // Kill it once it has committed some batches but is far from done.
    await until(db, `SELECT count(*) >= 2000 AS ok FROM booking_hold WHERE status = 'expired'`).catch((e) => {
      throw new Error(`${e.message}\nchild output:\n${first.output().slice(-3000)}`)
    })
    kill9(first.child)
    await first.exited
    const { rows: [mid] } = await db.query(`SELECT count(*)::int AS n FROM booking_hold WHERE status = 'expired'`)
    expect(mid.n).toBeGreaterThanOrEqual(2000)
    expect(mid.n).toBeLessThan(N)
    expect(await invariantViolations(db)).toEqual([])

    const health = JSON.parse(await startChild({ CHILD_MODE: "health" }).line("CHILD_HEALTH"))
    expect(health.cleanup_job.last_run).toMatchObject({ finished_at: null, duration_ms: null, trigger: "manual" })
    expect(health.cleanup_job.overdue_holds).toBe(N - mid.n)

    const second = startChild({ CHILD_MODE: "sweep", CHILD_BATCH: "1000" })
    const result = JSON.parse(await second.line("CHILD_RESULT"))
    expect(result).toMatchObject({ expired_count: N - mid.n, capacity_restored: N - mid.n, error: null })
    const { rows: [done] } = await db.query(
      `SELECT count(*) FILTER (WHERE status = 'expired')::int AS expired,
              count(*) FILTER (WHERE status = 'active')::int AS active FROM booking_hold`
    )
    expect(done).toEqual({ expired: N, active: 0 })
    expect(await invariantViolations(db)).toEqual([])
    const { rows: caps } = await db.query(`SELECT DISTINCT available_capacity FROM booking_capacity`)
    expect(caps).toEqual([{ available_capacity: 1000 }])
    const { rows: runs } = await db.query(
      `SELECT finished_at IS NOT NULL AS finished, expired_count FROM booking_cleanup_run ORDER BY started_at`
    )
    expect(runs).toEqual([
      { finished: false, expired_count: 0 },
      { finished: true, expired_count: N - mid.n },
    ])
  })

  // placeHolds is one autocommit statement (docs/design.md §2.8): PostgreSQL
  // runs it to its end even when its client is gone, so a caller killed
  // mid-call is a caller killed right after a commit. What must hold: the
  // request is all or nothing, every hold it left is active and lapses with
  // its TTL, and the books balance.
  it("a placeHolds of several items killed mid-call writes all of it or nothing, and what it wrote lapses", async () => {
    const items = [
      { resource_id: "res_1", date: day(1), quantity: 5 },
      { resource_id: "res_2", date: day(2), quantity: 5 },
      { resource_id: "res_3", date: day(3), quantity: 5 },
    ]
    const before = (await db.query(`SELECT id, available_capacity FROM booking_capacity ORDER BY id`)).rows
    // Hold one capacity row locked so the child blocks inside its call,
    // after it has locked its keys and started writing.
    const blocker = new Client({ connectionString: env.DATABASE_URL })
    await blocker.connect()
    await blocker.query("BEGIN")
    await blocker.query(`SELECT 1 FROM booking_capacity WHERE resource_id = 'res_3' AND date = $1 FOR UPDATE`, [day(3)])
    const child = startChild({ CHILD_MODE: "create", CHILD_ITEMS: JSON.stringify(items) })
    await child.line("CHILD_CREATING")
    // Wait until its transaction is blocked on our row lock: mid-way through.
    // (Asked of pg_blocking_pids: the statement's text is longer than what
    // pg_stat_activity keeps of it.)
    const { rows: me } = await blocker.query(`SELECT pg_backend_pid() AS pid`)
    await until(db, `SELECT count(*) > 0 AS ok FROM pg_stat_activity WHERE datname = $1 AND $2 = ANY(pg_blocking_pids(pid))`, [
      DB,
      me[0].pid,
    ]).catch((e) => {
      throw new Error(`${e.message}\nthe child said:\n${child.output().slice(-2000)}`)
    })
    kill9(child.child)
    await child.exited
    await blocker.query("ROLLBACK")
    await blocker.end()
    // The orphaned backend finishes its statement, then finds its client gone.
    await until(db, `SELECT count(*) = 0 AS ok FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND state <> 'idle'`, [DB])
    const { rows } = await db.query(
      `SELECT resource_id, quantity, status, expires_at > now() AND expires_at <= now() + interval '1 hour' AS lapses
       FROM booking_hold WHERE cart_id = 'cart_crash' ORDER BY resource_id`
    )
    const whole = items.map((i) => ({ resource_id: i.resource_id, quantity: i.quantity, status: "active", lapses: true }))
    expect([[], whole]).toContainEqual(rows)
    // Capacity is down by exactly what they hold.
    const held = (c: { resource_id: string; date: string }) =>
      rows.length ? items.find((i) => i.resource_id === c.resource_id && i.date === c.date)?.quantity ?? 0 : 0
    const after = (await db.query(`SELECT id, resource_id, date, available_capacity FROM booking_capacity ORDER BY id`)).rows
    expect(after.map((c) => ({ id: c.id, available_capacity: c.available_capacity + held(c) }))).toEqual(before)
    expect(await invariantViolations(db)).toEqual([])
    // Once they lapse, the capacity is what it was (lazy expiry's statement, as the next hold or the sweep runs it).
    await db.query(`UPDATE booking_hold SET expires_at = now() - interval '1 minute' WHERE cart_id = 'cart_crash'`)
    await db.query(numbered(LOCK_AND_EXPIRE_FOR_KEYS), [
      JSON.stringify(items.map((i) => ({ resource_id: i.resource_id, exclusive: false }))),
      JSON.stringify(items.map((i) => ({ resource_id: i.resource_id, date: i.date, slot: "" }))),
      JSON.stringify(items.map((i) => ({ resource_id: i.resource_id, date: i.date, slot: "" }))),
    ])
    expect((await db.query(`SELECT id, available_capacity FROM booking_capacity ORDER BY id`)).rows).toEqual(before)
    expect(await invariantViolations(db)).toEqual([])
  })
})
