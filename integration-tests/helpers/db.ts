import { Client } from "pg"

/** A direct connection, separate from the module's pool, for fixtures and checks. */
export async function connect(clientUrl: string): Promise<Client> {
  const client = new Client({ connectionString: clientUrl })
  await client.connect()
  return client
}

/**
 * Every (resource, date) that breaks the invariant of docs/design.md §1.3:
 * available + Σ active/confirmed quantity = max, and 0 ≤ available ≤ max.
 */
export async function invariantViolations(client: Client) {
  const { rows } = await client.query(`
    SELECT c.resource_id, c.date, c.slot, c.max_capacity, c.available_capacity, coalesce(h.used, 0)::int AS used
    FROM booking_capacity c
    LEFT JOIN (
      SELECT resource_id, date, slot, sum(quantity) AS used FROM booking_hold
      WHERE status IN ('active', 'confirmed') AND deleted_at IS NULL GROUP BY 1, 2, 3
    ) h ON h.resource_id = c.resource_id AND h.date = c.date AND h.slot = c.slot
    WHERE c.deleted_at IS NULL AND (
      c.available_capacity + coalesce(h.used, 0) <> c.max_capacity
      OR c.available_capacity < 0 OR c.available_capacity > c.max_capacity)`)
  return rows
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
