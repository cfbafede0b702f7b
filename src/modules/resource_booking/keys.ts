import type { Key } from "./types"

// A key, one resource on one day in one slot ("" for the whole day), is the
// unit of capacity, of holds and of locking.

export function uniqueKeys(items: Key[]): Key[] {
  const seen = new Map<string, Key>()
  for (const { resource_id, date, slot } of items) {
    seen.set(`${resource_id}|${date}|${slot}`, { resource_id, date, slot })
  }
  return [...seen.values()]
}

export const sameKey = (a: Key, b: Key) => a.resource_id === b.resource_id && a.date === b.date && a.slot === b.slot

/** "on 2026-07-01", or "on 2026-07-01 at 09:00" for a slot: how messages name a key. */
export const onKey = ({ date, slot }: { date: string; slot?: string }) => (slot ? `on ${date} at ${slot}` : `on ${date}`)
