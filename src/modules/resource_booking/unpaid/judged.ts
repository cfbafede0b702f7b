import type { RunStatement } from "../sweep/cleanup"
import { json } from "../op"
import * as SQL from "./sql"

export type UnjudgedOrder = { order_id: string; confirmed_at: Date }

/** Orders past their payment timeout the step has yet to judge; none when the timeout is 0 (off). */
export async function listUnjudgedOrders(run: RunStatement, timeoutMinutes: number, limit: number): Promise<UnjudgedOrder[]> {
  if (timeoutMinutes <= 0) {
    return []
  }
  return await run(SQL.UNJUDGED_ORDERS, [timeoutMinutes, limit])
}

export async function markOrdersJudged(run: RunStatement, orderIds: string[]): Promise<void> {
  if (orderIds.length) {
    await run(SQL.MARK_JUDGED, [json(orderIds)])
  }
}

export async function recordUnpaidOrders(run: RunStatement, runId: string, canceled: number, error: string | null): Promise<void> {
  await run(SQL.RECORD_UNPAID, [canceled, error, runId])
}
