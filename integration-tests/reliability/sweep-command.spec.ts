import { spawnSync } from "child_process"
import path from "path"
import { Client } from "pg"
import { invariantViolations } from "../helpers/db"
import { appProcessEnv, migratedAppDatabase, runDatabase } from "../helpers/run"

jest.setTimeout(300_000)

// The sweep as a shell command (src/scripts/sweep.ts through a real
// `medusa exec`), as a system cron or a Kubernetes CronJob runs it: its JSON,
// its exit codes and its run record.
const ROOT = path.join(__dirname, "../..")
const MEDUSA = path.join(ROOT, "node_modules/.bin/medusa")
const DB = runDatabase("rb_sweep_command")
const env = appProcessEnv(DB)

function sweep(...args: string[]) {
  const r = spawnSync(MEDUSA, ["exec", "./src/scripts/sweep.ts", ...args], { cwd: ROOT, env, encoding: "utf8" })
  const line = r.stdout.split("\n").find((l) => l.startsWith('{"run":'))
  return { code: r.status, run: line ? JSON.parse(line).run : null, output: `${r.stdout}\n${r.stderr}` }
}

/** The built-in job, run once through `medusa exec` with `extra` in its environment. */
function job(extra: Record<string, string> = {}) {
  const r = spawnSync(MEDUSA, ["exec", "./integration-tests/helpers/exec/run-cleanup-job.ts"], {
    cwd: ROOT,
    env: { ...env, ...extra },
    encoding: "utf8",
  })
  const line = r.stdout.split("\n").find((l) => l.startsWith('{"job":'))
  return { code: r.status, job: line ? JSON.parse(line).job : null, output: `${r.stdout}\n${r.stderr}` }
}

describe("the sweep as a shell command (medusa exec)", () => {
  let app: Awaited<ReturnType<typeof migratedAppDatabase>>
  let db: Client

  beforeAll(async () => {
    app = await migratedAppDatabase(DB, env)
    db = app.db
    // 10 overdue active holds of one key, capacity consistent with them.
    await db.query(`
      INSERT INTO booking_resource (id, title, handle) VALUES ('res_cli', 'Cli tour', 'cli-tour');
      INSERT INTO booking_capacity (id, resource_id, date, max_capacity, available_capacity)
        VALUES ('cap_cli', 'res_cli', to_char(current_date + 3, 'YYYY-MM-DD'), 20, 10);
      INSERT INTO booking_hold (id, resource_id, date, quantity, status, expires_at)
        SELECT 'hold_cli_' || g, 'res_cli', to_char(current_date + 3, 'YYYY-MM-DD'), 1, 'active', now() - interval '1 hour'
        FROM generate_series(1, 10) g;`)
  })

  afterAll(async () => {
    await app?.drop()
  })

  it("dry-run counts and changes nothing; a run expires, prints its record as JSON, exits 0 and is recorded as the command's", async () => {
    const dry = sweep("dry-run", "batch-size=4")
    expect(dry.code).toBe(0)
    expect(dry.run).toMatchObject({ dry_run: true, expired_count: 10, batches: 3, error: null })
    expect((await db.query(`SELECT count(*)::int AS n FROM booking_hold WHERE status = 'active'`)).rows[0].n).toBe(10)

    const real = sweep("batch-size=4")
    expect(real.code).toBe(0)
    expect(real.run).toMatchObject({ dry_run: false, expired_count: 10, capacity_restored: 10, batches: 3, error: null })
    const { rows } = await db.query(`SELECT trigger, expired_count FROM booking_cleanup_run WHERE id = $1`, [real.run.id])
    expect(rows).toEqual([{ trigger: "cli", expired_count: 10 }])
    expect((await db.query(`SELECT available_capacity FROM booking_capacity WHERE id = 'cap_cli'`)).rows[0].available_capacity).toBe(20)
    expect(await invariantViolations(db)).toEqual([])
  })

  it("with scheduledCleanup false the built-in job does nothing (the command is the schedule); with true it sweeps as 'schedule'", async () => {
    await db.query(`INSERT INTO booking_hold (id, resource_id, date, quantity, status, expires_at)
      VALUES ('hold_cli_job', 'res_cli', to_char(current_date + 3, 'YYYY-MM-DD'), 1, 'active', now() - interval '1 minute');
      UPDATE booking_capacity SET available_capacity = available_capacity - 1 WHERE id = 'cap_cli'`)
    const runs = async () => (await db.query(`SELECT count(*)::int AS n FROM booking_cleanup_run`)).rows[0].n
    const before = await runs()
    const idle = job({ HOLD_CLEANUP_SCHEDULED: "false" })
    expect([idle.code, idle.job]).toEqual([0, { skipped: "scheduledCleanup is false" }])
    expect(await runs()).toBe(before)
    expect((await db.query(`SELECT status FROM booking_hold WHERE id = 'hold_cli_job'`)).rows[0].status).toBe("active")

    const scheduled = job({ HOLD_CLEANUP_SCHEDULED: "true" })
    expect(scheduled.code).toBe(0)
    expect(scheduled.job).toMatchObject({ expired_count: 1, unpaid_canceled: 0, error: null })
    const { rows } = await db.query(`SELECT trigger FROM booking_cleanup_run WHERE id = $1`, [scheduled.job.run_id])
    expect(rows).toEqual([{ trigger: "schedule" }])
    expect(await invariantViolations(db)).toEqual([])
  })

  it("exits 1 on an argument it does not know, naming the ones it takes, and on a run that failed, with the error in its JSON", async () => {
    const wrong = sweep("batch=4")
    expect(wrong.code).toBe(1)
    expect(wrong.output).toContain('Unknown argument "batch=4": the sweep takes "dry-run" and "batch-size=N"')

    await db.query(`INSERT INTO booking_hold (id, resource_id, date, quantity, status, expires_at)
      VALUES ('hold_cli_late', 'res_cli', to_char(current_date + 3, 'YYYY-MM-DD'), 1, 'active', now() - interval '1 minute');
      UPDATE booking_capacity SET available_capacity = available_capacity - 1 WHERE id = 'cap_cli';
      ALTER TABLE booking_capacity RENAME TO booking_capacity_away`)
    try {
      const failed = sweep()
      expect(failed.code).toBe(1)
      expect(failed.run.error).toContain("booking_capacity")
      const { rows } = await db.query(`SELECT trigger, error IS NOT NULL AS failed FROM booking_cleanup_run WHERE id = $1`, [failed.run.id])
      expect(rows).toEqual([{ trigger: "cli", failed: true }])
    } finally {
      await db.query(`ALTER TABLE booking_capacity_away RENAME TO booking_capacity`)
    }
    expect(sweep().run).toMatchObject({ expired_count: 1, error: null })
    expect(await invariantViolations(db)).toEqual([])
  })
})
