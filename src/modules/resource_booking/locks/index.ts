// The advisory locks every read-then-write of the module starts with: one per
// key, taken in ascending order so that two transactions locking overlapping
// sets cannot deadlock, held until the transaction ends.
import { HoldEvents } from "../events"
import { json, type Op } from "../op"
import type { Key } from "../types"
import * as SQL from "./sql"

export { LOCK_KEYS, lockKey } from "./sql"
export { locksSwitchedOff } from "./switch"

export async function lockKeys(op: Op, keys: Key[]): Promise<void> {
  await op.em.execute(SQL.LOCK_KEYS, [json(keys)])
}

/**
 * Locks the keys in order and expires their overdue holds, in one statement:
 * every read-then-write of the module starts here.
 */
export async function lockAndExpire(op: Op, keys: Key[]): Promise<{ id: string }[]> {
  const expired: { id: string }[] = await op.em.execute(SQL.LOCK_AND_EXPIRE_FOR_KEYS, [json(keys), json(keys)])
  op.note(HoldEvents.EXPIRED, expired.map((r) => r.id))
  return expired
}
