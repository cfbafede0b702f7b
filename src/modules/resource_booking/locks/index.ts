// The advisory locks every read-then-write of the module starts with: a
// resource's lock (shared, or exclusive for a bulk write) and then one per
// key, each set taken in ascending order so that two transactions locking
// overlapping sets cannot deadlock, all held until the transaction ends.
import { HoldEvents } from "../events"
import { json, type Op } from "../op"
import type { Key } from "../types"
import * as SQL from "./sql"
import { locksSwitchedOff } from "./switch"

export { LOCK_KEYS, lockKey, tryLockKey } from "./sql"
export { locksSwitchedOff } from "./switch"

/**
 * More keys of one resource than this in one transaction are a bulk write:
 * its resource's lock is taken exclusive instead of a lock per key, which
 * keeps a transaction far below PostgreSQL's default lock table
 * (max_locks_per_transaction × max_connections, 6,400 slots).
 */
export const BULK_KEYS = 500

/** The locks' parameters: the resources (exclusive where bulk) and the keys to lock one by one. */
function plan(keys: Key[]): [string, string] {
  const counts = new Map<string, number>()
  for (const k of keys) {
    counts.set(k.resource_id, (counts.get(k.resource_id) ?? 0) + 1)
  }
  const bulk = (resourceId: string) => counts.get(resourceId)! > BULK_KEYS
  return [
    json([...counts.keys()].map((resource_id) => ({ resource_id, exclusive: bulk(resource_id) }))),
    json(keys.filter((k) => !bulk(k.resource_id))),
  ]
}

/** The test-only negative control, passed to the module's functions (holds/functions.ts) as `p_unshared`. */
const UNSHARED = locksSwitchedOff(process.env)

/**
 * What a function of the module locks and expires, as its first four
 * parameters: the switch, the resources, the keys to lock one by one, every
 * key to expire (LOCK_AND_EXPIRE_FOR_KEYS's three).
 */
export const lockParameters = (keys: Key[]): [boolean, string, string, string] => [UNSHARED, ...plan(keys), json(keys)]

export async function lockKeys(op: Op, keys: Key[]): Promise<void> {
  await op.em.execute(SQL.LOCK_KEYS, plan(keys))
}

/**
 * Locks the keys and expires their overdue holds, in one statement: every
 * read-then-write of the module starts here.
 */
export async function lockAndExpire(op: Op, keys: Key[]): Promise<{ id: string }[]> {
  const expired: { id: string }[] = await op.em.execute(SQL.LOCK_AND_EXPIRE_FOR_KEYS, [...plan(keys), json(keys)])
  op.note(HoldEvents.EXPIRED, expired.map((r) => r.id))
  return expired
}

/** Takes an order's lock until the transaction ends (LOCK_ORDER): before any of its keys' locks. */
export async function lockOrder(op: Op, orderId: string): Promise<void> {
  await op.em.execute(SQL.LOCK_ORDER, [orderId])
}
