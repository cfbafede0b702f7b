import { Client } from "pg"
import { invariantViolations } from "../integration-tests/helpers/invariant"
import { databaseUrl, runDatabase } from "../integration-tests/helpers/run"

/**
 * A fresh database named `<prefix>_<run id>` (RB_TEST_RUN, else the process
 * id, as the tests name theirs), so a bench and a test run on one server
 * never meet; `drop()` removes it at the end.
 */
export async function freshDatabase(prefix: string) {
  const name = runDatabase(prefix)
  const admin = new Client({ connectionString: databaseUrl("postgres") })
  await admin.connect()
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`)
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`)
  } finally {
    await admin.end()
  }
  return {
    name,
    url: databaseUrl(name),
    async drop() {
      const a = new Client({ connectionString: databaseUrl("postgres") })
      await a.connect()
      try {
        await a.query(`DROP DATABASE IF EXISTS ${a.escapeIdentifier(name)} WITH (FORCE)`)
      } finally {
        await a.end()
      }
    },
  }
}

/** How many (resource, date, slot) keys break the booking invariant (the tests' own query; soft-deleted rows do not count). */
export async function invariantBreaks(db: Client): Promise<number> {
  return (await invariantViolations(db)).length
}
