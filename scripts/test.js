#!/usr/bin/env node
// `npm test` (through scripts/test.sh, which sets the environment): provides
// what the selected tests need, runs jest, and stops what it started.
// - PostgreSQL: the server at DB_HOST:DB_PORT, or, when nothing answers
//   there, an embedded one on that port for this run only.
// - Redis at TEST_REDIS_HOST:TEST_REDIS_PORT (the topology test; a server is
//   started for the run when none answers) and Debian's chromium (the
//   browser test): installed from Debian's packages when running as root,
//   otherwise the run stops before any test with the command to run.
const { spawn, spawnSync } = require("child_process")
const fs = require("fs")
const os = require("os")
const path = require("path")
const { Client } = require("pg")
const { startEmbeddedPostgres } = require("./lib/embedded-postgres")
const { findExecutable, planInstall, redisAnswers, tcpAnswers, until } = require("./lib/prerequisites")

const ROOT = path.resolve(__dirname, "..")
const JEST = path.join(ROOT, "node_modules", ".bin", "jest")
const REDIS = { host: process.env.TEST_REDIS_HOST || "127.0.0.1", port: Number(process.env.TEST_REDIS_PORT || 6379) }
const LOCAL = new Set(["localhost", "127.0.0.1", "::1"])
const args = process.argv.slice(2)
const env = { ...process.env }
// One id for every database this run creates (and its claim on a Redis
// database), so that two runs at once, on one machine or one shared server,
// never touch each other's.
env.RB_TEST_RUN = env.RB_TEST_RUN || `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`

const atEnd = [] // what to stop or drop at the end, last first
let stopping = null

function log(message) {
  process.stdout.write(`[test] ${message}\n`)
}

function fail(line) {
  process.stderr.write(`${line}\n`)
  return stop(1)
}

function stop(code) {
  stopping ??= (async () => {
    for (const s of atEnd.reverse()) {
      await s().catch((e) => process.stderr.write(`[test] ${e.message || e}\n`))
    }
    process.exit(code)
  })()
  return stopping
}

/** The spec files jest would run with these arguments. */
function selectedTests() {
  const r = spawnSync(JEST, ["--listTests", ...args], { cwd: ROOT, env, encoding: "utf8" })
  if (r.status !== 0) return null // jest itself will say what is wrong
  return r.stdout.split("\n").filter(Boolean).map((f) => path.relative(ROOT, f))
}

async function provideTools(tests) {
  const needs = (dir) => !tests || tests.some((t) => t.startsWith(`integration-tests/${dir}/`))
  const needRedis = needs("topology") && !(await redisAnswers(REDIS.host, REDIS.port))
  if (needRedis && !LOCAL.has(REDIS.host)) return fail(`npm test: no Redis answers at ${REDIS.host}:${REDIS.port}`)
  // Debian package → the program the tests run from it.
  const programs = {
    chromium: needs("browser") && !env.CHROMIUM_PATH ? "chromium" : null,
    "redis-server": needRedis ? "redis-server" : null,
  }
  const plan = planInstall(programs, { isRoot: process.getuid?.() === 0, hasAptGet: !!findExecutable("apt-get") })
  if (plan.message) return fail(plan.message)
  if (plan.install.length) {
    log(`installing Debian's ${plan.install.join(", ")} (apt-get)`)
    const apt = (a) => spawnSync("apt-get", a, { stdio: "inherit", env: { ...env, DEBIAN_FRONTEND: "noninteractive" } })
    if (apt(["update", "-qq"]).status !== 0 || apt(["install", "-y", "-qq", ...plan.install]).status !== 0) {
      return fail(`npm test: apt-get could not install ${plan.install.join(" ")}; see its output above`)
    }
    const absent = plan.install.filter((pkg) => !findExecutable(programs[pkg]))
    if (absent.length) return fail(`npm test: installed ${absent.join(" ")}, but it is not on PATH (${env.PATH})`)
  }
  if (needs("browser") && !env.CHROMIUM_PATH) env.CHROMIUM_PATH = findExecutable("chromium")
  // Debian's package starts its service where there is an init system; in a
  // container there is none, so start a server for this run.
  if (needRedis && !(await redisAnswers(REDIS.host, REDIS.port))) await startRedis()
}

async function startRedis() {
  log(`starting redis-server on ${REDIS.host}:${REDIS.port} for this run`)
  const redis = spawn(
    "redis-server",
    // "-::1": the IPv6 loopback where there is one.
    ["--bind", "127.0.0.1", "-::1", "--port", String(REDIS.port), "--save", "", "--appendonly", "no", "--dir", os.tmpdir()],
    { stdio: ["ignore", "ignore", "inherit"] }
  )
  const exited = new Promise((resolve) => {
    redis.once("exit", resolve)
    redis.once("error", (e) => resolve(e.message))
  })
  // Whatever ends this process (a signal included) must not leave it behind.
  process.once("exit", () => redis.kill("SIGTERM"))
  atEnd.push(async () => {
    if (redis.exitCode === null && redis.signalCode === null) redis.kill("SIGTERM")
    await exited
    log("redis-server stopped")
  })
  let ended = null
  exited.then((why) => (ended = `exit ${why}`))
  await until("redis-server", async () => {
    if (ended) throw new Error(`redis-server ended before it answered (${ended})`)
    return redisAnswers(REDIS.host, REDIS.port)
  })
}

const CLUSTER_PREFIX = "rb-test-pg-"

/**
 * Deletes the data of embedded servers that earlier runs could not stop (a
 * kill -9, a closed terminal): a postmaster.pid naming a dead process, or
 * none and untouched for an hour (a run may be initialising its own).
 */
function removeStaleClusters() {
  for (const name of fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(CLUSTER_PREFIX))) {
    const dir = path.join(os.tmpdir(), name)
    let stale
    try {
      const pid = Number(fs.readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n")[0])
      process.kill(pid, 0)
      stale = false
    } catch (e) {
      stale = e.code === "ESRCH" || (e.code === "ENOENT" && Date.now() - fs.statSync(dir).mtimeMs > 3_600_000)
    }
    if (stale) fs.rmSync(dir, { recursive: true, force: true })
  }
}

async function providePostgres() {
  const host = env.DB_HOST
  const port = Number(env.DB_PORT)
  if (!(await tcpAnswers(host, port))) {
    if (!LOCAL.has(host)) return fail(`npm test: no PostgreSQL answers at ${host}:${port}`)
    removeStaleClusters()
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), CLUSTER_PREFIX))
    log(`no PostgreSQL answers at ${host}:${port}; starting an embedded one there for this run`)
    const pg = await startEmbeddedPostgres({
      dir,
      port,
      persistent: false, // the data directory goes with the server
      // A throwaway cluster: durability buys nothing and costs time.
      postgresFlags: ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
    })
    atEnd.push(async () => {
      await pg.stop()
      log("embedded PostgreSQL stopped")
    })
    Object.assign(env, { DB_USERNAME: pg.user, DB_PASSWORD: pg.password })
    return
  }
  const connect = async () => {
    const client = new Client({
      host,
      port,
      user: env.DB_USERNAME,
      password: env.DB_PASSWORD || undefined,
      database: "postgres",
      connectionTimeoutMillis: 10_000,
    })
    await client.connect()
    return client
  }
  try {
    await (await connect()).end()
  } catch (e) {
    return fail(`npm test: cannot log in to PostgreSQL at ${host}:${port} as "${env.DB_USERNAME}" (${e.message}); set DB_USERNAME/DB_PASSWORD, or DB_PORT to a free port for an embedded server`)
  }
  // The server stays; the databases this run made must not (Medusa's module
  // test runner leaves its database, and a test killed mid-way leaves its own).
  atEnd.push(async () => {
    const client = await connect()
    const suffix = `_${env.RB_TEST_RUN}`
    const { rows } = await client.query("SELECT datname FROM pg_database WHERE right(datname, length($1)) = $1", [suffix])
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`)
    }
    await client.end()
  })
}

function runJest() {
  return new Promise((resolve) => {
    const jest = spawn(JEST, ["--runInBand", "--forceExit", ...args], { cwd: ROOT, env, stdio: "inherit" })
    // A Ctrl-C reaches jest through the terminal; a kill of this process only
    // reaches this process, so pass it on.
    for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => jest.kill(signal))
    jest.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

async function main() {
  await provideTools(selectedTests())
  await providePostgres()
  const code = await runJest()
  await stop(code)
}

main().catch((e) => {
  process.stderr.write(`[test] ${e.stack || e}\n`)
  stop(1)
})
