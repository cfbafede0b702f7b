import { invalid, notFound } from "../errors"
import type { Op } from "../op"
import { findResource, type FoundResource } from "../resources/find"
import { addDays, nightsRange, soldByStay } from "../stays"
import { localIso } from "../time/format"
import type { AvailabilityDay } from "../types"
import { assertId, assertInt, daysBetween } from "../utils/validate"
import { MAX_STAY_NIGHTS } from "../utils/limits"
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
  const days = daysBetween(range?.from, range?.to)
  const resource = await findBookable(op, resourceId, activeOnly)
  return (await readDays(op, resource.id, days[0], days[days.length - 1])).map(({ open: _open, ...day }) => day)
}

/**
 * A resource sold by the stay, per start day from `from` to `to`: whether a
 * stay of `nights` nights from that day is bookable (its first night still
 * sells, every night has capacity and a place free), with the most units
 * free on all its nights; `max_capacity` is its smallest night's.
 */
export async function getStayAvailability(
  op: Op,
  resourceId: unknown,
  range: { from: string; to: string },
  nights: unknown,
  activeOnly = false
): Promise<AvailabilityDay[]> {
  const days = daysBetween(range?.from, range?.to)
  const n = assertInt(nights, "nights", 1, MAX_STAY_NIGHTS)
  const resource = await findBookable(op, resourceId, activeOnly)
  if (!soldByStay(resource)) {
    invalid(`Resource "${resource.title}" (${resource.id}) is booked by the day, not by the stay; leave nights out`)
  }
  if (n < resource.min_nights! || n > resource.max_nights!) {
    invalid(`Resource "${resource.title}" (${resource.id}) is sold for stays of ${nightsRange(resource)}; nights must be in that range, got ${n}`)
  }
  const rows = await readDays(op, resource.id, days[0], addDays(days[days.length - 1], n - 1))
  const byDate = new Map(rows.map((r) => [r.date, r]))
  return days.flatMap((date) => {
    const first = byDate.get(date)
    if (!first) {
      return []
    }
    const stay = Array.from({ length: n }, (_, i) => byDate.get(addDays(date, i)))
    const complete = stay.every(Boolean)
    const available = complete ? Math.min(...stay.map((d) => d!.available_capacity)) : 0
    return [
      {
        date,
        slot: "",
        end_date: addDays(date, n),
        nights: n,
        max_capacity: complete ? Math.min(...stay.map((d) => d!.max_capacity)) : 0,
        available_capacity: available,
        starts_at: first.starts_at,
        bookable: first.open && available > 0,
      },
    ]
  })
}

async function findBookable(op: Op, resourceId: unknown, activeOnly: boolean): Promise<FoundResource> {
  const id = assertId(resourceId, "resource_id")
  const resource = await findResource(op, id)
  if (activeOnly && !resource.is_active) {
    notFound(`Resource with id "${id}" was not found`)
  }
  return resource
}

async function readDays(op: Op, id: string, from: string, to: string): Promise<(AvailabilityDay & { open: boolean })[]> {
  const rows = await op.em.execute(SQL.AVAILABILITY, [op.options.timeZone, id, id, from, to])
  return rows.map(({ zone, open, starts_at, ...day }: any) => ({
    ...day,
    starts_at: localIso(starts_at, zone),
    open,
    bookable: open && day.available_capacity > 0,
  }))
}

/** Today in `zone`, by the database's clock. */
export async function today(run: (sql: string, params: unknown[]) => Promise<any[]>, zone: string): Promise<string> {
  const [row] = await run(SQL.TODAY_IS, [zone])
  return row.today
}
