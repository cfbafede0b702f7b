import { spawn, spawnSync } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"
import { Client } from "pg"
import { freePorts } from "../integration-tests/helpers/run"
import { freshDatabase } from "./database"
import type { Seed } from "./load/seed"

const ROOT = path.join(__dirname, "..")
const MEDUSA = path.join(ROOT, "node_modules/.bin/medusa")
const CLI = path.join(ROOT, "node_modules/@medusajs/cli/cli.js")

export type SeededApp = {
  base: string
  pid: number
  /** What bench/load/seed.ts made. */
  seed: Seed
  db: Client
  stop: () => Promise<void>
}

export type AppMode = {
  /** `develop` (what a store owner runs locally) or `start` (production: NODE_ENV=production, no watcher). */
  command?: "develop" | "start"
  /** `medusa start --cluster N`: N server processes sharing the port. */
  cluster?: number
  /** Flags for node itself, such as `--cpu-prof`. */
  nodeArgs?: string[]
  /** The app's port; by default one that is free. */
  port?: number
  /** Rewrites the database URL the server connects through (a latency proxy); migrations and seed go direct. */
  route?: (url: string) => string
}

/**
 * A fresh database of this run (`<prefix>_<run id>`), migrated and seeded,
 * and this repo's app on it (its own process group) until `stop()`, which
 * also drops the database.
 */
export async function startSeededApp(
  prefix: string,
  env: Record<string, string>,
  mode: AppMode = {}
): Promise<SeededApp> {
  const database = await freshDatabase(prefix)
  try {
    return await start(database, env, mode)
  } catch (e) {
    await database.drop()
    throw e
  }
}

async function start(
  database: Awaited<ReturnType<typeof freshDatabase>>,
  env: Record<string, string>,
  mode: AppMode
): Promise<SeededApp> {
  // A port nothing listens on, unless the caller names one.
  const port = mode.port ?? (await freePorts(1))[0]
  const appEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    PORT: String(port),
    MEDUSA_DISABLE_TELEMETRY: "true",
    MEDUSA_ADMIN_DISABLE: "true",
    LOG_LEVEL: "error",
    NODE_ENV: "development",
    ...env,
  }
  const run = (args: string[], extra: Record<string, string> = {}) => {
    const r = spawnSync(MEDUSA, args, { cwd: ROOT, env: { ...appEnv, ...extra }, encoding: "utf8" })
    if (r.status !== 0) throw new Error(`medusa ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`)
  }
  run(["db:migrate"])
  const seedFile = path.join(os.tmpdir(), `rb-${database.name}-${process.pid}.json`)
  run(["exec", "./bench/load/seed.ts"], { LOAD_SEED_FILE: seedFile })
  const seed = JSON.parse(fs.readFileSync(seedFile, "utf8"))
  fs.rmSync(seedFile)

  const command = mode.command ?? "develop"
  const args = [...(mode.nodeArgs ?? []), CLI, command, ...(mode.cluster ? ["--cluster", String(mode.cluster)] : [])]
  const app = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...appEnv,
      ...(command === "start" ? { NODE_ENV: "production" } : {}),
      ...(mode.route ? { DATABASE_URL: mode.route(database.url) } : {}),
    },
    detached: true,
    stdio: "ignore",
  })
  const exited = new Promise((r) => app.once("exit", r))
  const kill = (signal: NodeJS.Signals = "SIGKILL") => {
    try {
      process.kill(-app.pid!, signal)
    } catch {
      // already gone
    }
  }
  process.on("exit", () => kill())
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 180_000
  while (!(await fetch(`${base}/health`).then((r) => r.ok, () => false))) {
    if (Date.now() > deadline) {
      kill()
      throw new Error("the app did not start within 3 minutes")
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  const db = new Client({ connectionString: appEnv.DATABASE_URL })
  await db.connect()
  return {
    base,
    pid: app.pid!,
    seed,
    db,
    async stop() {
      await db.end()
      if (mode.nodeArgs?.some((a) => a.startsWith("--cpu-prof") || a.startsWith("--heap"))) {
        // A profile is written only when node exits on its own: ask, then wait.
        kill("SIGTERM")
        await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))])
      }
      kill()
      await database.drop()
    },
  }
}
