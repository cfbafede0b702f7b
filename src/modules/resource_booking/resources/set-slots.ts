import { notAllowed } from "../errors"
import { onKey } from "../keys"
import { lockAndExpire } from "../locks"
import { json, type Op } from "../op"
import { assertId } from "../utils/validate"
import { findResource } from "./find"
import { assertSlots, listSlots, sellableSlots } from "./slot-rule"
import { rewriteSchedule } from "../schedule/apply"
import { slotsNamedBeyond } from "../schedule/rules"
import { SCHEDULE_OF } from "../schedule/sql"
import * as SQL from "./sql"

type Used = { date: string; slot: string; used: number }

/**
 * Changes the slots a resource is sold by. A slot it stops selling (or the
 * whole day, when it starts selling slots) must have no active or confirmed
 * hold from today on; its capacity from today on is deleted, under the keys'
 * locks, so no hold can be placed on it in between. Past days stay as they
 * were: they are the booking history.
 */
export async function setResourceSlots(op: Op, resourceId: unknown, slots: unknown): Promise<string[]> {
  const id = assertId(resourceId, "resource_id")
  const next = assertSlots(slots)
  const resource = await findResource(op, id)
  const [{ schedule }] = await op.em.execute(SCHEDULE_OF, [op.options.timeZone, id])
  const named = slotsNamedBeyond(schedule, next)
  if (named.length) {
    notAllowed(
      `Cannot change the slots of resource "${resource.title}" (${id}) to ${listSlots(next) || "none (whole days)"}: its weekly schedule sells ${listSlots(named)}; change the schedule first`
    )
  }
  const dropped = sellableSlots(resource.slots).filter((s) => !sellableSlots(next).includes(s))
  if (dropped.length) {
    const keys: Used[] = await op.em.execute(SQL.KEYS_OF_SLOTS_FROM, [id, op.options.timeZone, json(dropped)])
    if (keys.length) {
      await lockAndExpire(op, keys.map(({ date, slot }) => ({ resource_id: id, date, slot })))
    }
    // Read again under the locks: what is held now.
    const used = (keys.length ? ((await op.em.execute(SQL.KEYS_OF_SLOTS_FROM, [id, op.options.timeZone, json(dropped)])) as Used[]) : [])
      .filter((k) => k.used > 0)
    if (used.length) {
      const which = (s: string) => (s ? `slot ${s}` : "whole-day booking")
      const list = used.slice(0, 5).map((k) => `${which(k.slot)} ${onKey({ date: k.date })} (${k.used} held)`)
      notAllowed(
        `Cannot change the slots of resource "${resource.title}" (${id}) to ${listSlots(next) || "none (whole days)"}: ` +
          `active or confirmed holds use ${list.join(", ")}${used.length > 5 ? ` and ${used.length - 5} more` : ""}; ` +
          `release or cancel them first`
      )
    }
  }
  await op.em.execute(SQL.SET_SLOTS, [id, op.options.timeZone, json(dropped), json(next), id])
  // A schedule's rules without slots mean every slot: its days follow the new ones.
  await rewriteSchedule(op, id)
  return next
}
