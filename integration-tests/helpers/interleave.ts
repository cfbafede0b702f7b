import type { Client } from "pg"

// A gate in PostgreSQL's two-integer advisory keyspace, which never meets the
// module's single bigint keys (pg_locks tells them apart by objsubid).
const GATE = [7_217, 1]

/**
 * Where the first operation stops: right after its statement has written a
 * matching row of `table` (rows locked, transaction still open). A trigger of
 * the test's own, dropped again when the interleaving ends.
 */
export type PausePoint = {
  after: "INSERT" | "UPDATE"
  table: string
  /** A trigger WHEN condition on NEW, e.g. "NEW.status = 'released'". */
  when?: string
}

export type Interleaving<A, B> = {
  first: PromiseSettledResult<A>
  rival: PromiseSettledResult<B>
  /**
   * The kind of lock (pg_locks.locktype) the rival waited for while the
   * first's transaction was open, or null when it never waited for it.
   */
  rivalWaitedFor: string | null
}

const TIMEOUT_MS = 20_000

/**
 * Runs `first` until its transaction reaches `pause` and keeps it open there;
 * then runs `rival` until PostgreSQL shows it blocked by that transaction (or
 * it finishes without waiting); then lets `first` commit and both finish.
 * The order of events is forced, not hoped for: nothing depends on timing.
 *
 * `db` is a connection of the test's own, outside the module's pool.
 */
export async function interleave<A, B>(
  db: Client,
  pause: PausePoint,
  first: () => Promise<A>,
  rival: () => Promise<B>
): Promise<Interleaving<A, B>> {
  await db.query(`
    CREATE FUNCTION rb_test_gate() RETURNS trigger AS $$
    BEGIN PERFORM pg_advisory_xact_lock_shared(${GATE[0]}, ${GATE[1]}); RETURN NULL; END $$ LANGUAGE plpgsql;
    CREATE TRIGGER rb_test_gate AFTER ${pause.after} ON ${pause.table} FOR EACH ROW
      ${pause.when ? `WHEN (${pause.when})` : ""} EXECUTE FUNCTION rb_test_gate();`)
  await db.query(`SELECT pg_advisory_lock($1, $2)`, GATE)
  let gateOpen = false
  const openGate = async () => {
    if (!gateOpen) {
      gateOpen = true
      await db.query(`SELECT pg_advisory_unlock($1, $2)`, GATE)
    }
  }
  try {
    const firstRun = settle(first())
    const firstPid = await poll(db, firstRun, "the first operation to reach its pause point", `
      SELECT pid FROM pg_locks
      WHERE locktype = 'advisory' AND NOT granted AND classid = $1 AND objid = $2 AND objsubid = 2
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      GATE
    )
    if (firstPid === undefined) {
      throw new Error(`the first operation finished without writing to ${pause.table}: ${JSON.stringify(await firstRun)}`)
    }
    const rivalRun = settle(rival())
    const waitedFor = await poll(db, rivalRun, "the rival to wait for the first", `
      SELECT coalesce(l.locktype, 'unknown') AS locktype FROM pg_stat_activity a
      LEFT JOIN pg_locks l ON l.pid = a.pid AND NOT l.granted
      WHERE a.datname = current_database() AND $1::int = ANY(pg_blocking_pids(a.pid))
      LIMIT 1`,
      [firstPid]
    )
    await openGate()
    return { first: await firstRun, rival: await rivalRun, rivalWaitedFor: waitedFor ?? null }
  } finally {
    await openGate()
    await db.query(`DROP TRIGGER rb_test_gate ON ${pause.table}; DROP FUNCTION rb_test_gate()`)
  }
}

function settle<T>(p: Promise<T>): Promise<PromiseSettledResult<T>> & { done: boolean } {
  const wrapped = p.then(
    (value) => ({ status: "fulfilled" as const, value }),
    (reason) => ({ status: "rejected" as const, reason })
  ) as Promise<PromiseSettledResult<T>> & { done: boolean }
  wrapped.done = false
  wrapped.then(() => (wrapped.done = true))
  return wrapped
}

/**
 * The first column of the first row `sql` returns, polled until there is one;
 * undefined when `run` finishes first (it then never reached that state).
 */
async function poll(
  db: Client,
  run: { done: boolean },
  what: string,
  sql: string,
  params: unknown[]
): Promise<any> {
  const deadline = Date.now() + TIMEOUT_MS
  for (;;) {
    const finished = run.done
    const { rows } = await db.query(sql, params)
    if (rows.length) {
      return Object.values(rows[0])[0]
    }
    if (finished) {
      return undefined
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what}`)
    }
    await new Promise((resolve) => setImmediate(resolve))
  }
}
