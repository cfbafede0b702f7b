import type { Client } from "pg"

/** YYYY-MM-DD, `days` after today (UTC). */
export const dayFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

/**
 * The hold benchmarks' spread keys: 1,000 resources × 30 days from today,
 * capacity so large nothing is refused, then ANALYZE as autovacuum would
 * soon. Returns the (resource_id, date) keys.
 */
export async function insertSpreadKeys(db: Client, prefix: string): Promise<[string, string][]> {
  await db.query(`
    INSERT INTO booking_resource (id, title, handle)
      SELECT '${prefix}' || r, 'Spread ' || r, '${prefix.replace(/_/g, "-")}' || r FROM generate_series(1, 1000) r;
    INSERT INTO booking_capacity (id, resource_id, date, max_capacity, available_capacity)
      SELECT 'cap_${prefix}' || r || '_' || d, '${prefix}' || r, to_char(current_date + d, 'YYYY-MM-DD'), 1000000, 1000000
      FROM generate_series(1, 1000) r, generate_series(0, 29) d;
    ANALYZE;`)
  return Array.from({ length: 1000 }, (_, r) =>
    Array.from({ length: 30 }, (_, d) => [`${prefix}${r + 1}`, dayFromToday(d)] as [string, string])
  ).flat()
}
