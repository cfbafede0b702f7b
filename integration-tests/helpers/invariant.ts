import type { Client } from "pg"

/**
 * The booking invariant (docs/design.md), as one query for the tests and the
 * benchmarks: every live (resource, date, slot) row that breaks
 * available + Σ active/confirmed quantity = max, or 0 ≤ available ≤ max.
 * Soft-deleted capacity and holds do not count.
 */
export const INVARIANT_VIOLATIONS = `
SELECT c.resource_id, c.date, c.slot, c.max_capacity, c.available_capacity, coalesce(h.used, 0)::int AS used
FROM booking_capacity c
LEFT JOIN (
  SELECT resource_id, date, slot, sum(quantity) AS used FROM booking_hold
  WHERE status IN ('active', 'confirmed') AND deleted_at IS NULL GROUP BY 1, 2, 3
) h ON h.resource_id = c.resource_id AND h.date = c.date AND h.slot = c.slot
WHERE c.deleted_at IS NULL AND (
  c.available_capacity + coalesce(h.used, 0) <> c.max_capacity
  OR c.available_capacity < 0 OR c.available_capacity > c.max_capacity)
ORDER BY c.resource_id, c.date, c.slot`

export type InvariantViolation = {
  resource_id: string
  date: string
  slot: string
  max_capacity: number
  available_capacity: number
  used: number
}

/** Every (resource, date, slot) that breaks the invariant; none when it holds. */
export async function invariantViolations(client: Pick<Client, "query">): Promise<InvariantViolation[]> {
  return (await client.query(INVARIANT_VIOLATIONS)).rows
}
