import { spawnSync } from "child_process"
import net from "net"
import path from "path"
import Redis from "ioredis"
import { Client } from "pg"

// What a test run creates on servers it may share with another run (two
// `npm test` at once, or a CI runner's PostgreSQL): names carry this run's id.
// scripts/test.js sets it once per run (and drops the run's databases at the
// end); a bare `npx jest` falls back to the process id.
export const RUN_ID = process.env.RB_TEST_RUN || String(process.pid)

/** A database name of this run: `<prefix>_<run id>`. */
export function runDatabase(prefix: string) {
  return `${prefix}_${RUN_ID}`
}

/** A connection string for `database` on the server scripts/env.sh names. */
export function databaseUrl(database: string) {
  const user = encodeURIComponent(process.env.DB_USERNAME || "postgres")
  const password = process.env.DB_PASSWORD ? `:${encodeURIComponent(process.env.DB_PASSWORD)}` : ""
  return `postgres://${user}${password}@${process.env.DB_HOST || "localhost"}:${process.env.DB_PORT || 5432}/${database}`
}

/**
 * `n` distinct TCP ports nothing listens on right now, chosen by the kernel
 * (all held open together, so none is handed out twice).
 */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise<net.Server>((resolve, reject) => {
      const server = net.createServer()
      server.once("error", reject)
      server.listen(0, "127.0.0.1", () => resolve(server))
    }))
  )
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port)
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))))
  return ports
}

const CLAIM = "rb-test-run"

/**
 * An empty Redis logical database, claimed for this run so that another run
 * (or someone's data in it) is never flushed. `release()` empties it again.
 */
export async function claimRedisDatabase(
  host = process.env.TEST_REDIS_HOST || "127.0.0.1",
  port = Number(process.env.TEST_REDIS_PORT || 6379)
) {
  for (let db = 1; db < 16; db++) {
    const redis = new Redis({ host, port, db, maxRetriesPerRequest: 1 })
    // An hour outlives any test; a crashed run's claim lapses, but its
    // leftovers keep the database non-empty, so it is skipped until flushed.
    const claimed = (await redis.set(CLAIM, RUN_ID, "EX", 3600, "NX")) === "OK"
    if (claimed && (await redis.dbsize()) === 1) {
      return {
        url: `redis://${host}:${port}/${db}`,
        redis,
        async release() {
          await redis.flushdb()
          redis.disconnect()
        },
      }
    }
    if (claimed) await redis.del(CLAIM)
    redis.disconnect()
  }
  throw new Error(`no empty Redis database (1-15) at ${host}:${port}`)
}

/**
 * The environment of a child app process of this repository (`medusa exec`,
 * `db:migrate`) on `database`: quiet, no telemetry, no dashboard, none of
 * jest's Node flags; `extra` on top.
 */
export function appProcessEnv(database: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl(database),
    MEDUSA_DISABLE_TELEMETRY: "true",
    MEDUSA_ADMIN_DISABLE: "true",
    LOG_LEVEL: "error",
    NODE_OPTIONS: "",
    ...extra,
  }
}

/**
 * A fresh database of this run with this repository's app migrated into it
 * (`medusa db:migrate`, as a store runs it), and a client on it; `drop()`
 * closes the client and drops the database.
 */
export async function migratedAppDatabase(name: string, env: NodeJS.ProcessEnv) {
  const admin = new Client({ connectionString: databaseUrl("postgres") })
  await admin.connect()
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`)
    await admin.query(`CREATE DATABASE ${name}`)
  } finally {
    await admin.end()
  }
  const migrate = spawnSync(path.join(__dirname, "../../node_modules/.bin/medusa"), ["db:migrate"], {
    cwd: path.join(__dirname, "../.."),
    env: { ...env, DATABASE_URL: databaseUrl(name) },
    encoding: "utf8",
  })
  if (migrate.status !== 0) throw new Error(`db:migrate failed:\n${migrate.stdout}\n${migrate.stderr}`)
  const db = new Client({ connectionString: databaseUrl(name) })
  await db.connect()
  return {
    db,
    async drop() {
      await db.end()
      const again = new Client({ connectionString: databaseUrl("postgres") })
      await again.connect()
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await again.end()
    },
  }
}
