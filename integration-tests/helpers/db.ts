import { Client } from "pg"
import { invariantViolations } from "./invariant"

export { invariantViolations }

/** A direct connection, separate from the module's pool, for fixtures and checks. */
export async function connect(clientUrl: string): Promise<Client> {
  const client = new Client({ connectionString: clientUrl })
  await client.connect()
  return client
}

/** Moves holds' expires_at into the past, as if their TTL had passed. */
export async function expireInDb(client: Client, ids: string[], minutesAgo = 60) {
  await client.query(
    `UPDATE booking_hold SET expires_at = now() - make_interval(mins => $2::int) WHERE id = ANY($1::text[])`,
    [ids, minutesAgo]
  )
}

export async function holdStatuses(client: Client, ids: string[]) {
  const { rows } = await client.query(
    `SELECT id, status FROM booking_hold WHERE id = ANY($1::text[])`,
    [ids]
  )
  return Object.fromEntries(rows.map((r) => [r.id, r.status]))
}

export async function available(client: Client, resourceId: string, date: string) {
  const { rows } = await client.query(
    `SELECT available_capacity, max_capacity FROM booking_capacity WHERE resource_id = $1 AND date = $2`,
    [resourceId, date]
  )
  return rows[0]?.available_capacity as number | undefined
}

/** A calendar day `offset` days from today (UTC), as YYYY-MM-DD. */
export function day(offset: number): string {
  const d = new Date()
  d.setUTCHours(0, 0, 0, 0)
  d.setUTCDate(d.getUTCDate() + offset)
  return d.toISOString().slice(0, 10)
}

/** Opens a connection, asserts the invariant of docs/design.md §1.3 holds everywhere, closes it. */
export async function expectInvariant(clientUrl: string) {
  const db = await connect(clientUrl)
  try {
    expect(await invariantViolations(db)).toEqual([])
  } finally {
    await db.end()
  }
}

/**
 * A connection for each test, with the invariant checked after it. Call it in
 * a describe nested inside the module runner's suite: the runner drops the
 * tables after each test, so these hooks must run inside its own.
 */
export function connectEachTest(clientUrl: string): () => Client {
  let db: Client
  beforeEach(async () => {
    db = await connect(clientUrl)
  })
  afterEach(async () => {
    expect(await invariantViolations(db)).toEqual([])
    await db.end()
  })
  return () => db
}
