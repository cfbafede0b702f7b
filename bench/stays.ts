import type { Client } from "pg"
import type ResourceBookingModuleService from "../src/modules/resource_booking/service"
import { invariantBreaks } from "./database"

// Stays (docs/design.md §13), in one run on one database:
// - placing: a 14-night stay held by one call (one transaction, 14 keys
//   locked in order, one insert) against the same 14 nights held by 14 calls of
//   one night each, and a stay through the cart road (syncCartHolds with one
//   line of 14 nights); every stay on its own resource, so no call waits on another;
// - sweeping: the same number of expired holds, as whole stays (14 nights of
//   one cart and line, one expiry) and as single nights spread over the keys.

export type StaySide = { calls: number; holds: number; ms: number; holds_per_s: number }
export type StaysResult = {
  nights: number
  stays: number
  place: { stay: StaySide; single_nights: StaySide; cart_line: StaySide }
  sweep: { stays: StaySide; single_nights: StaySide }
  correct: boolean
  checks: Record<string, number | boolean>
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

async function timed(calls: number, holds: number, work: () => Promise<unknown>): Promise<StaySide> {
  global.gc?.()
  const t0 = process.hrtime.bigint()
  await work()
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  return { calls, holds, ms: Math.round(ms), holds_per_s: Math.round((holds / ms) * 1000) }
}

export async function benchStays(
  service: ResourceBookingModuleService,
  db: Client,
  opts: { stays: number; nights?: number; log?: (s: string) => void }
): Promise<StaysResult> {
  const nights = opts.nights ?? 14
  const n = opts.stays
  const start = addDays(await service.today(), 1)
  const last = addDays(start, nights - 1)
  const resources = async (tag: string) => {
    const made = await service.createResources(
      Array.from({ length: n }, (_, i) => ({ title: `${tag} ${i}`, handle: `${tag}-${i}`, min_nights: 1, max_nights: nights })) as any
    )
    const ids = made.map((r: { id: string }) => r.id)
    for (const id of ids) {
      await service.setCapacity(id, { from: start, to: last, max_capacity: 10 })
    }
    return ids as string[]
  }
  const stayItems = (resource_id: string) => Array.from({ length: nights }, (_, k) => ({ resource_id, date: addDays(start, k), quantity: 1 }))

  opts.log?.(`stays: ${n} stays of ${nights} nights, each side on its own ${n} resources`)
  const [a, b, c] = [await resources("stay"), await resources("night"), await resources("line")]
  // Alternating which side runs first would need three data sets each; the
  // sides are independent rows, so each runs once, in turn.
  const stay = await timed(n, n * nights, async () => {
    for (const id of a) await service.placeHolds(stayItems(id), { cart_id: `cart_${id}` })
  })
  opts.log?.(`  one call per stay: ${stay.ms} ms`)
  const single = await timed(n * nights, n * nights, async () => {
    for (const id of b) for (const item of stayItems(id)) await service.placeHolds([item], { cart_id: `cart_${id}` })
  })
  opts.log?.(`  one call per night: ${single.ms} ms`)
  const line = await timed(n, n * nights, async () => {
    for (const id of c) {
      await service.syncCartHolds(`cart_${id}`, stayItems(id).map((item) => ({ ...item, slot: "", line_item_id: `line_${id}` })))
    }
  })
  opts.log?.(`  the cart road, one line per stay: ${line.ms} ms`)

  const held = (
    await db.query(`SELECT count(*)::int AS n FROM booking_hold WHERE status = 'active' AND resource_id = ANY($1)`, [[...a, ...b, ...c]])
  ).rows[0].n as number

  // Expire the stays' holds (sides a and c: whole stays) and the single nights (side b), and sweep each set alone.
  const sweepOf = async (ids: string[]) => {
    await db.query(`UPDATE booking_hold SET expires_at = now() - interval '1 minute' WHERE status = 'active' AND resource_id = ANY($1)`, [ids])
    const count = (await db.query(`SELECT count(*)::int AS n FROM booking_hold WHERE status = 'active' AND resource_id = ANY($1)`, [ids])).rows[0].n as number
    let expired = 0
    const side = await timed(1, count, async () => {
      expired = (await service.cleanupExpiredHolds({ batchSize: 1000 })).expired_count
    })
    return { side, expired, count }
  }
  const sweptStays = await sweepOf([...a, ...c])
  opts.log?.(`  sweep, whole stays: ${sweptStays.side.ms} ms for ${sweptStays.count}`)
  const sweptNights = await sweepOf(b)
  opts.log?.(`  sweep, single nights: ${sweptNights.side.ms} ms for ${sweptNights.count}`)

  const restored = (
    await db.query(`SELECT count(*)::int AS n FROM booking_capacity WHERE resource_id = ANY($1) AND available_capacity = max_capacity`, [[...a, ...b, ...c]])
  ).rows[0].n as number
  const breaks = await invariantBreaks(db)
  const checks = {
    held,
    expected_held: 3 * n * nights,
    swept: sweptStays.expired + sweptNights.expired,
    every_night_restored: restored === 3 * n * nights,
    invariant_breaks: breaks,
  }
  return {
    nights,
    stays: n,
    place: { stay, single_nights: single, cart_line: line },
    sweep: { stays: { ...sweptStays.side, calls: 1 }, single_nights: { ...sweptNights.side, calls: 1 } },
    correct: held === 3 * n * nights && checks.swept === held && checks.every_night_restored && breaks === 0,
    checks,
  }
}
