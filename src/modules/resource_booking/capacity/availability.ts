import { notFound } from "../errors"
import type { Op } from "../op"
import { findResource } from "../resources/find"
import { localIso } from "../time/format"
import type { AvailabilityDay } from "../types"
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
): Promise<AvailabilityDay[]> {
  const id = assertId(resourceId, "resource_id")
  const days = daysBetween(range?.from, range?.to)
  const resource = await findResource(op, id)
  if (activeOnly && !resource.is_active) {
    notFound(`Resource with id "${id}" was not found`)
  }
  const rows = await op.em.execute(SQL.AVAILABILITY, [op.options.timeZone, id, id, days[0], days[days.length - 1]])
  return rows.map(({ zone, open, starts_at, ...day }: any) => ({
    ...day,
    starts_at: localIso(starts_at, zone),
    bookable: open && day.available_capacity > 0,
  }))
}

/** Today in `zone`, by the database's clock. */
export async function today(run: (sql: string, params: unknown[]) => Promise<any[]>, zone: string): Promise<string> {
  const [row] = await run(SQL.TODAY_IS, [zone])
  return row.today
}
