import { notFound } from "../errors"
import type { Op } from "../op"
import { findResource } from "../resources/find"
import type { CapacityDay } from "../types"
import { assertId, daysBetween } from "../utils/validate"
import * as SQL from "./sql"

/**
 * What a shopper can book per (day, slot): available capacity plus what
 * overdue holds still keep (they are expired on the next write to their key).
 * With `activeOnly` (a storefront asking), an inactive resource is NOT_FOUND.
 */
export async function getAvailability(
  op: Op,
  resourceId: unknown,
  range: { from: string; to: string },
  activeOnly = false
): Promise<CapacityDay[]> {
  const id = assertId(resourceId, "resource_id")
  const days = daysBetween(range?.from, range?.to)
  const resource = await findResource(op, id)
  if (activeOnly && !resource.is_active) {
    notFound(`Resource with id "${id}" was not found`)
  }
  return await op.em.execute(SQL.AVAILABILITY, [id, id, days[0], days[days.length - 1]])
}

/** Today (UTC), by the database's clock. */
export async function today(run: (sql: string, params: unknown[]) => Promise<any[]>): Promise<string> {
  const [row] = await run(SQL.TODAY_IS, [])
  return row.today
}
