import { json } from "../op"
import type { RunStatement } from "../sweep/cleanup"
import type { Key } from "../types"
import { localIso } from "./format"
import * as SQL from "./sql"

/** A day or slot and its sale: when it starts, in its zone, and why it no longer sells (null: it sells). */
export type SaleWindow = Key & {
  reason: "past" | "nonexistent" | "closed" | null
  zone: string
  cutoff_minutes: number | null
  /** Its start, ISO 8601 in its zone. */
  starts_at: string
}

/** A day or slot that no longer sells, and why (see CLOSED_SALES). */
export type ClosedSale = Key & {
  reason: "past" | "nonexistent" | "closed"
  zone: string
  cutoff_minutes: number | null
  /** Its start, ISO 8601 in its zone. */
  starts_at: string
}

/** Each key's start in its resource's zone and whether it still sells, by the database's clock. */
export async function saleWindows(run: RunStatement, keys: Key[], defaultZone: string, cutoff: boolean): Promise<SaleWindow[]> {
  const rows = await run(SQL.CLOSED_SALES, [json(keys.map(({ resource_id, date, slot }) => ({ resource_id, date, slot }))), defaultZone, cutoff])
  return rows.map((r: any) => ({ ...r, starts_at: localIso(r.starts_at, r.zone) }))
}

/** The keys whose sale is closed now, by the database's clock in each resource's zone. */
export async function closedSales(run: RunStatement, keys: Key[], defaultZone: string, cutoff: boolean): Promise<ClosedSale[]> {
  return (await saleWindows(run, keys, defaultZone, cutoff)).filter((w): w is ClosedSale => !!w.reason)
}
