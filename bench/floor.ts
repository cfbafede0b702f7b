import type { Client } from "pg"
import { SWEEP_BATCH } from "../src/modules/resource_booking/sweep/sql"

// knex's `?` placeholders, numbered as pg wants them.
let param = 0
const BATCH = SWEEP_BATCH.replace(/\?/g, () => `$${++param}`)

/**
 * The sweep's floor: the plugin's own batch statement sent straight from a pg
 * client, one autocommitted statement per batch of `batchSize`, until a batch
 * comes back short. No ORM, no transaction wrapper, no run record, no events:
 * what PostgreSQL alone needs to expire these holds in these batches.
 */
export async function floorSweep(db: Client, batchSize: number) {
  let expired = 0
  for (;;) {
    const { rows: [b] } = await db.query(BATCH, [batchSize])
    expired += b.expired_count
    if (b.picked < batchSize) {
      return { expired }
    }
  }
}
