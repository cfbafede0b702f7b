import { insertHolds, validateItems } from "../src/modules/resource_booking/holds"
import { uniqueKeys } from "../src/modules/resource_booking/keys"
import { lockAndExpire } from "../src/modules/resource_booking/locks"
import type { Op } from "../src/modules/resource_booking/op"
import type ResourceBookingModuleService from "../src/modules/resource_booking/service"
import type { CreateHoldsOptions, HoldItemInput, HoldRow } from "../src/modules/resource_booking/types"

// The ways placeHolds worked before, kept as `npm run bench:rush`'s baselines.

/**
 * The way placeHolds worked before its locked part became one function call
 * (holds/functions.ts): a transaction of four round trips under the key's
 * lock (lock and expire, check and insert, commit; the refusal's reason a
 * fifth), the same statements one by one. Kept only as `npm run bench:rush`'s
 * baseline and for the test that both word every refusal alike.
 */
export async function placeHoldsInStatements(
  service: ResourceBookingModuleService,
  items: HoldItemInput[],
  options: CreateHoldsOptions = {}
): Promise<HoldRow[]> {
  // transaction_ is the service's own protected runner: one transaction, events after commit.
  const inTransaction = (service as any).transaction_.bind(service) as (work: (op: Op) => Promise<HoldRow[]>) => Promise<HoldRow[]>
  return await inTransaction(async (op) => {
    const normalized = validateItems(items)
    await lockAndExpire(op, uniqueKeys(normalized))
    return await insertHolds(op, normalized, options)
  })
}

/**
 * placeHolds with each request in its own call of the place function, as it
 * was before requests waiting on the same keys went together
 * (holds/place-batch.ts): `npm run bench:rush`'s "one per call". A request
 * made inside a transaction goes alone; this one's "transaction" is a fresh
 * manager, so it still commits on its own.
 */
export async function placeHoldsOnePerCall(
  service: ResourceBookingModuleService,
  items: HoldItemInput[],
  options: CreateHoldsOptions = {}
): Promise<HoldRow[]> {
  const manager = (service as any).baseRepository_.getFreshManager()
  return await service.placeHolds(items, options, { transactionManager: manager })
}
