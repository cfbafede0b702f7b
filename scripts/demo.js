#!/usr/bin/env node
// `npm run demo`: a demo store with the plugin, on an embedded PostgreSQL
// (kept in .demo-data/, reused by the next run) unless DATABASE_URL is set.
// Ctrl-C stops the app and the embedded database.
const { spawn, spawnSync } = require("child_process")
const fs = require("fs")
const http = require("http")
const path = require("path")
const { startEmbeddedPostgres } = require("./lib/embedded-postgres")

const ROOT = path.resolve(__dirname, "..")
const DATA = path.join(ROOT, ".demo-data")
const PG_PORT = Number(process.env.DEMO_PG_PORT || 54329)
const APP_PORT = Number(process.env.PORT || 9000)
const DB_NAME = "medusa_resource_booking_demo"
const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")

const env = {
  ...process.env,
  MEDUSA_DISABLE_TELEMETRY: "true",
  NODE_ENV: process.env.NODE_ENV || "development",
  PORT: String(APP_PORT),
  DEMO_CREDENTIALS_FILE: path.join(DATA, "credentials.json"),
  // Guests' booking messages and their calendar files, written by the package's development provider.
  RB_NOTIFICATION_DIR: process.env.RB_NOTIFICATION_DIR || path.join(DATA, "messages"),
}

let embedded = null
let app = null
let stopping = false

function log(message) {
  process.stdout.write(`[demo] ${message}\n`)
}

async function startDemoPostgres() {
  fs.mkdirSync(DATA, { recursive: true })
  embedded = await startEmbeddedPostgres({
    dir: path.join(DATA, "pg"),
    port: PG_PORT,
    persistent: true,
    log: (m) => log(m.replace(ROOT + path.sep, "")),
  })
  const client = embedded.client()
  await client.connect()
  const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DB_NAME])
  if (!rowCount) {
    await client.query(`CREATE DATABASE ${DB_NAME}`)
  }
  await client.end()
  return `postgres://${embedded.user}:${embedded.password}@localhost:${PG_PORT}/${DB_NAME}`
}

function medusa(args) {
  log(`medusa ${args.join(" ")}`)
  const r = spawnSync(MEDUSA, args, { cwd: ROOT, env, stdio: "inherit" })
  if (r.status !== 0) {
    throw new Error(`"medusa ${args.join(" ")}" failed (exit ${r.status})`)
  }
}

function waitForHealth(timeoutMs) {
  const deadline = Date.now() + timeoutMs
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const req = http.get({ host: "127.0.0.1", port: APP_PORT, path: "/health" }, (res) => {
        res.resume()
        if (res.statusCode === 200) return resolve()
        retry()
      })
      req.on("error", retry)
    }
    const retry = () => {
      if (stopping) return reject(new Error("stopped"))
      if (Date.now() > deadline) return reject(new Error(`the app did not answer on port ${APP_PORT}`))
      setTimeout(attempt, 500)
    }
    attempt()
  })
}

async function stop(code) {
  if (stopping) return
  stopping = true
  log("stopping…")
  if (app && app.exitCode === null) {
    const exited = new Promise((resolve) => app.once("exit", resolve))
    const signalGroup = (signal) => {
      try {
        process.kill(-app.pid, signal)
      } catch {
        // already gone
      }
    }
    signalGroup("SIGTERM")
    const timer = setTimeout(() => signalGroup("SIGKILL"), 10_000)
    await exited
    clearTimeout(timer)
  }
  if (embedded) {
    await embedded.stop().catch(() => {})
    log("embedded PostgreSQL stopped")
  }
  process.exit(code)
}

async function main() {
  process.on("SIGINT", () => stop(0))
  process.on("SIGTERM", () => stop(0))

  env.DATABASE_URL = process.env.DATABASE_URL || (await startDemoPostgres())
  if (process.env.DATABASE_URL) log("using DATABASE_URL")

  medusa(["db:migrate"])
  medusa(["exec", "./scripts/demo-seed.ts"])
  const creds = JSON.parse(fs.readFileSync(env.DEMO_CREDENTIALS_FILE, "utf8"))

  // Its own process group: `medusa develop` runs the server in a child
  // process, and stopping must reach it too.
  app = spawn(MEDUSA, ["develop"], { cwd: ROOT, env, stdio: "inherit", detached: true })
  app.on("exit", (code) => {
    if (!stopping) {
      log(`the app exited (code ${code})`)
      stop(code || 1)
    }
  })
  await waitForHealth(180_000)
  process.stdout.write(banner(creds, `http://localhost:${APP_PORT}`))
}

function bookingDate(offset) {
  const d = new Date()
  d.setUTCDate(d.getUTCDate() + offset)
  // Not a Monday: the fjord boat tour's schedule sells Tuesday to Sunday.
  if (d.getUTCDay() === 1) d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

// What a newcomer needs to follow the walkthroughs: logins, ids, and shell
// variables docs/storefront.md and docs/operators.md use as they are.
function banner(creds, base) {
  const [product] = creds.products
  const [adult] = product.variants
  // The product sold by the slot (its first variant), for the departures step of docs/storefront.md.
  const slotted = creds.products.find((p) => p.slots?.length)
  const slotVariant = slotted ? ` SLOT_VARIANT=${slotted.variants[0].id}` : ""
  // The room, for docs/operators.md.
  const room = creds.products.find((p) => /room/i.test(p.title))
  const roomVariant = room ? ` ROOM_VARIANT=${room.variants[0].id}` : ""
  const products = creds.products
    .map((p) => {
      const sold = p.slots?.length ? `, departures ${p.slots.join(" and ")}: metadata.booking_slot` : ""
      return `    ${p.title} (resource ${p.resource_id}${sold})\n` + p.variants.map((v) => `      ${v.title.padEnd(6)} ${v.id}`).join("\n")
    })
    .join("\n")
  const json = `node -pe 'JSON.parse(require("fs").readFileSync(0))`
  return `
────────────────────────────────────────────────────────────────────
  Resource booking demo is running
  Admin:           ${base}/app
  Admin email:     ${creds.email}
  Admin password:  ${creds.password}
  Publishable key: ${creds.publishable_key}
  Guest messages:  ${env.RB_NOTIFICATION_DIR} (each booking confirmation with its .ics; open one in a calendar)
  Region (EUR):    ${creds.region_id}
  Bookable products and their variants:
${products}

  docs/storefront.md and docs/operators.md start from these shell variables:
    export BASE=${base} PK=${creds.publishable_key} REGION=${creds.region_id} SC=${creds.sales_channel_id} \\
      VARIANT=${adult.id} DATE=${bookingDate(10)}${slotVariant}${roomVariant}${creds.fulfilled_order_id ? ` FULFILLED=${creds.fulfilled_order_id}` : ""}

  Book 2 × "${product.title} / ${adult.title}" on $DATE in a new cart:
    CART=$(curl -s -X POST $BASE/store/carts -H "x-publishable-api-key: $PK" -H 'Content-Type: application/json' \\
      -d "{\\"region_id\\":\\"$REGION\\"}" | ${json}.cart.id')
    curl -s -X POST $BASE/store/carts/$CART/line-items -H "x-publishable-api-key: $PK" -H 'Content-Type: application/json' \\
      -d "{\\"variant_id\\":\\"$VARIANT\\",\\"quantity\\":2,\\"metadata\\":{\\"booking_date\\":\\"$DATE\\"}}"

  Health (as admin):
    TOKEN=$(curl -s -X POST $BASE/auth/user/emailpass -H 'Content-Type: application/json' \\
      -d '{"email":"${creds.email}","password":"${creds.password}"}' | ${json}.token')
    curl -s -H "Authorization: Bearer $TOKEN" $BASE/admin/resource-booking/health

  Ctrl-C stops the app${embedded ? " and the embedded database" : ""}.
────────────────────────────────────────────────────────────────────
`
}

main().catch((e) => {
  process.stderr.write(`[demo] ${e.stack || e}\n`)
  stop(1)
})
