import type { Client } from "pg"
import type ResourceBookingModuleService from "../src/modules/resource_booking/service"
import { invariantBreaks } from "./database"
import { peakRss } from "./sweep"

// Writing a weekly schedule out: `resources` resources sold every 15 minutes
// (96 slots), a schedule of every day for `days` days, against the same rows
// written with setCapacity (what POST …/capacity runs) on as many other
// resources. Time, this process's peak RSS, and the invariant after.

export type ScheduleSide = { ms: number; rows: number; rows_per_s: number; peak_rss_mb: number }
export type ScheduleResult = {
  resources: number
  slots: number
  days: number
  schedule: ScheduleSide
  capacity: ScheduleSide
  correct: boolean
  checks: Record<string, number | boolean>
}

const SLOTS = Array.from({ length: 96 }, (_, i) => `${String(Math.floor(i / 4)).padStart(2, "0")}:${String((i % 4) * 15).padStart(2, "0")}`)

async function resourcesOf(service: ResourceBookingModuleService, tag: string, n: number, days: number) {
  const made = await service.createResources(
    Array.from({ length: n }, (_, i) => ({ title: `${tag} ${i}`, handle: `${tag}-${i}`, slots: SLOTS, booking_horizon_days: days })) as any
  )
  return made.map((r: { id: string }) => r.id)
}

const rowsOf = async (db: Client, ids: string[]) =>
  (await db.query(`SELECT count(*)::int AS n FROM booking_capacity WHERE resource_id = ANY($1) AND deleted_at IS NULL`, [ids])).rows[0].n as number

async function side(db: Client, ids: string[], write: (id: string) => Promise<unknown>): Promise<ScheduleSide> {
  global.gc?.()
  const started = process.hrtime.bigint()
  const [, rss] = await peakRss(async () => {
    for (const id of ids) {
      await write(id)
    }
  })
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  const rows = await rowsOf(db, ids)
  return { ms: Math.round(ms), rows, rows_per_s: Math.round((rows / ms) * 1000), peak_rss_mb: rss }
}

export async function benchSchedule(
  service: ResourceBookingModuleService,
  db: Client,
  opts: { resources: number; days: number; log?: (s: string) => void }
): Promise<ScheduleResult> {
  const scheduled = await resourcesOf(service, "sched", opts.resources, opts.days)
  const byHand = await resourcesOf(service, "cap", opts.resources, opts.days)
  const today = await service.today()
  const last = new Date(Date.parse(`${today}T00:00:00Z`) + (opts.days - 1) * 86_400_000).toISOString().slice(0, 10)

  opts.log?.(`schedule: ${opts.resources} resources × ${SLOTS.length} slots × ${opts.days} days`)
  const schedule = await side(db, scheduled, (id) => service.setSchedule(id, { rules: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], capacity: 10 }] }))
  opts.log?.(`  setSchedule: ${schedule.rows} rows in ${schedule.ms} ms`)
  const capacity = await side(db, byHand, (id) => service.setCapacity(id, { from: today, to: last, max_capacity: 10 }))
  opts.log?.(`  setCapacity: ${capacity.rows} rows in ${capacity.ms} ms`)

  const expected = opts.resources * SLOTS.length * opts.days
  const breaks = await invariantBreaks(db)
  const checks = { expected_rows: expected, schedule_rows: schedule.rows, capacity_rows: capacity.rows, invariant_breaks: breaks }
  return {
    resources: opts.resources,
    slots: SLOTS.length,
    days: opts.days,
    schedule,
    capacity,
    correct: schedule.rows === expected && capacity.rows === expected && breaks === 0,
    checks,
  }
}
