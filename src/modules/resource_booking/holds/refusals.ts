import { localIso } from "../time/format"
import { MedusaError } from "@medusajs/framework/utils"
import { notAllowed, notFound } from "../errors"
import { onKey } from "../keys"
import type { Op } from "../op"
import { assertSellsSlot } from "../resources/slot-rule"
import type { HoldRow } from "../types"
import * as SQL from "./sql"

// The refusals of the module's functions (holds/functions.ts) in words. A
// function refuses by raising an RB00n error whose detail is what the words
// need; the error undoes the whole call.

/** An extension's length and the default cap, to word RB004. */
export type ExtendAsked = { minutes: number; cap: number }

/** One call of a function of the module; its refusals become the MedusaErrors they mean. */
export async function callFunction(op: Op, sql: string, params: unknown[], extend?: ExtendAsked): Promise<any> {
  try {
    const [{ result }] = await op.em.execute(sql, params)
    return result
  } catch (e: any) {
    const detail = typeof e?.detail === "string" && /^RB00[1-4]$/.test(e?.code) ? JSON.parse(e.detail) : undefined
    switch (detail === undefined ? "" : e.code) {
      case "RB001":
        return explainRefusal(detail)
      case "RB002":
        // A TTL ran out between the lock and the confirmation: the shopper retries.
        return notAllowed(`The hold for resource ${detail.resource_id} ${onKey(detail)} expired during checkout; please try again`)
      case "RB003":
        return refuseRelease(detail)
      case "RB004":
        return await refuseExtension(op, detail, extend!)
    }
    throw e
  }
}

/** A strict release of a hold that is not active. */
function refuseRelease(hold: HoldRow): never {
  notAllowed(
    hold.status === "expired"
      ? `Hold ${hold.id} expired at ${new Date(hold.expires_at).toISOString()}; its capacity is already back`
      : `Hold ${hold.id} is ${hold.status}; only active holds can be released`
  )
}

/** An extension that moved nothing: past the cap, lapsed, or not active. */
async function refuseExtension(op: Op, hold: HoldRow, { minutes, cap }: ExtendAsked): Promise<never> {
  if (hold.status === "active" && new Date(hold.expires_at) > new Date()) {
    const [limit] = await op.em.execute(SQL.HOLD_CAP, [cap, cap, hold.id])
    notAllowed(
      `Hold ${hold.id} cannot be extended by ${minutes} minutes: a hold lasts at most ${limit.max_hold} minutes from its cart's first hold on that day (maxHoldMinutes), until ${new Date(limit.cap).toISOString()}`
    )
  }
  notAllowed(
    hold.status === "expired" || hold.status === "active"
      ? `Hold ${hold.id} expired at ${new Date(hold.expires_at).toISOString()} and cannot be extended`
      : `Hold ${hold.id} is ${hold.status}; only active holds can be extended`
  )
}

/**
 * Why INSERT_HOLDS took nothing, from CAPACITY_FOR_ITEMS's rows read under
 * the same locks with the same request (by the function, or the caller);
 * always throws. The one wording of every refusal to hold.
 */
export function explainRefusal(rows: any[]): never {
  for (const row of rows) {
    const what = row.title ? `"${row.title}" (${row.resource_id})` : row.resource_id
    if (!row.resource_found) {
      notFound(`Resource with id "${row.resource_id}" was not found`)
    }
    if (!row.is_active) {
      notAllowed(`Resource ${what} is not active and cannot be booked`)
    }
    if (!row.slot_ok) {
      assertSellsSlot({ id: row.resource_id, title: row.title, slots: row.slots }, row.slot)
    }
    if (row.past) {
      notAllowed(`Resource ${what} cannot be booked ${onKey(row)}: that day has passed`)
    }
    if (row.nonexistent) {
      notAllowed(
        `Resource ${what} cannot be booked ${onKey(row)}: ${row.slot} does not exist that day in ${row.zone} (the clocks skip it)`
      )
    }
    if (row.closed) {
      const starts = localIso(row.starts_at, row.zone)
      notAllowed(
        row.cutoff_minutes
          ? `Resource ${what} cannot be booked ${onKey(row)}: its sale closed ${row.cutoff_minutes} minutes before it ${row.slot ? "starts" : "ends"} (cutoff_minutes; it starts ${starts})`
          : `Resource ${what} cannot be booked ${onKey(row)}: it ${row.slot ? "started" : "has ended"} (it starts ${starts})`
      )
    }
    if (!row.capacity_found) {
      notAllowed(`Resource ${what} has no capacity ${onKey(row)}`)
    }
    if (row.cap_reached) {
      notAllowed(
        `This cart has held resource ${what} ${onKey(row)} for the longest a hold may last (${row.max_hold} minutes, maxHoldMinutes); complete the checkout or start a new cart`
      )
    }
    if (row.available_capacity < row.need) {
      notAllowed(
        `Not enough capacity for resource ${what} ${onKey(row)}: requested ${row.need}, available ${row.available_capacity}`
      )
    }
  }
  const cart = rows[0]?.cart
  if (cart && cart.held + cart.asked > cart.max_per_cart) {
    notAllowed(
      `A cart may hold at most ${cart.max_per_cart} units at once (maxQuantityPerCart); this cart holds ${cart.held} and asked for ${cart.asked} more`
    )
  }
  throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "The holds could not be created; nothing was changed")
}
