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

/**
 * Sells the spread resources in the store's sales channel, as the holds API
 * requires: for each, a copy of `variantId` (a seeded variant of a published
 * product in that channel) linked to it. Copied in SQL because the route reads
 * only these rows and 1,000 variants through Medusa's workflows would take
 * minutes of setup.
 */
export async function sellSpreadKeys(db: Client, prefix: string, variantId: string) {
  await db.query("BEGIN")
  try {
    await db.query(
      `CREATE TEMP TABLE spread_variant ON COMMIT DROP AS
         SELECT v.*, r.n AS spread_n FROM product_variant v, generate_series(1, 1000) r(n) WHERE v.id = $1`,
      [variantId]
    )
    await db.query(`UPDATE spread_variant SET id = 'variant_${prefix}' || spread_n, title = 'Spread ' || spread_n,
      sku = NULL, barcode = NULL, ean = NULL, upc = NULL`)
    await db.query(`INSERT INTO product_product_variant_resource_booking_resource (id, product_variant_id, resource_id)
      SELECT 'link_${prefix}' || spread_n, 'variant_${prefix}' || spread_n, '${prefix}' || spread_n FROM spread_variant`)
    await db.query("ALTER TABLE spread_variant DROP COLUMN spread_n")
    await db.query("INSERT INTO product_variant SELECT * FROM spread_variant")
    await db.query("COMMIT")
  } catch (e) {
    await db.query("ROLLBACK")
    throw e
  }
}
