import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import type { Context } from "@medusajs/framework/types"
import { RESOURCE_BOOKING_MODULE } from "./constants"
import type { ResourceBookingOptions } from "./utils/options"

/** A service call's context, as Medusa's decorators make it. */
export type Ctx = Context<SqlEntityManager>

/**
 * What an operation of the module works with: the transaction it runs in
 * (the service opens and commits it), the plugin's options, and `note`,
 * which records an event to send once the transaction commits.
 */
export type Op = {
  em: SqlEntityManager
  options: ResourceBookingOptions
  note: (eventName: string, ids: string[]) => void
}

/** The Op of a service call: its transaction (or manager), and its event group. */
export function opOf(sharedContext: Ctx, options: ResourceBookingOptions): Op {
  return {
    em: (sharedContext.transactionManager ?? sharedContext.manager)!,
    options,
    // @EmitEvents sends what is saved here once the call's transaction commits.
    note: (eventName, ids) => {
      if (ids.length) {
        sharedContext.messageAggregator?.saveRawMessageData({
          eventName,
          source: RESOURCE_BOOKING_MODULE,
          object: "hold",
          action: eventName.split(".").pop()!,
          data: { ids },
        })
      }
    },
  }
}

/** Rows reach SQL as one JSON parameter (jsonb_to_recordset on the other side). */
export const json = (value: unknown) => JSON.stringify(value)
