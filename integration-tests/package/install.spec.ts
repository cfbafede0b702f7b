import { spawn, spawnSync, type ChildProcess, type SpawnSyncOptions } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"
import { Client } from "pg"
import { databaseUrl, freePorts, runDatabase } from "../helpers/run"

// The package as a store installs it: `npm pack`, the tarball installed into a
// scratch Medusa store through a `plugins` entry (the README's steps), migrated,
// booted with `medusa start`, its routes used, and a store's own TypeScript
// type-checked against the declarations the package ships.
jest.setTimeout(900_000)

const ROOT = path.join(__dirname, "../..")
const OURS = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"))
const DB = runDatabase("rb_install")
const SCHEDULE = "*/7 * * * *"
// The children are plain Node programs: none of jest's flags, no test mode.
const ENV = {
  ...process.env,
  NODE_OPTIONS: "",
  NODE_ENV: "development",
  MEDUSA_DISABLE_TELEMETRY: "true",
  DATABASE_URL: databaseUrl(DB),
  LOG_LEVEL: "error",
}

let work: string
let store: string
let packed: string[]
let server: ChildProcess | null = null
let serverOutput = ""

function run(command: string, args: string[], options: SpawnSyncOptions = {}): string {
  const r = spawnSync(command, args, { encoding: "utf8", env: ENV, maxBuffer: 64 * 1024 * 1024, ...options })
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited ${r.status ?? r.signal}\n${String(r.stdout).slice(-4000)}\n${String(r.stderr).slice(-4000)}`)
  }
  return String(r.stdout)
}

const write = (file: string, text: string) => fs.writeFileSync(path.join(store, file), text)

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "rb-install-"))
  store = path.join(work, "store")
  fs.mkdirSync(path.join(store, "src"), { recursive: true })

  // The build first (prepack would print it into pack's JSON), then the pack.
  run("npm", ["run", "build"], { cwd: ROOT })
  const [info] = JSON.parse(run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], { cwd: ROOT }))
  packed = info.files.map((f: { path: string }) => f.path)

  const version = (name: string) => OURS.devDependencies[name]
  write(
    "package.json",
    JSON.stringify(
      {
        name: "scratch-store",
        private: true,
        dependencies: {
          "@medusajs/cli": version("@medusajs/cli"),
          "@medusajs/framework": version("@medusajs/framework"),
          "@medusajs/medusa": version("@medusajs/medusa"),
          "medusa-resource-booking": `file:${path.join(work, info.filename)}`,
        },
        devDependencies: {
          "@swc/core": version("@swc/core"),
          "@types/node": version("@types/node"),
          "ts-node": version("ts-node"),
          typescript: version("typescript"),
        },
      },
      null,
      2
    )
  )
  // The README's install section, in a store of its own.
  write(
    "medusa-config.ts",
    `import { defineConfig } from "@medusajs/framework/utils"

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: { storeCors: "*", adminCors: "*", authCors: "*", jwtSecret: "scratch", cookieSecret: "scratch" },
  },
  admin: { disable: true },
  plugins: [{ resolve: "medusa-resource-booking", options: { cleanupSchedule: "${SCHEDULE}" } }],
})
`
  )
  const compilerOptions = {
    target: "ES2021",
    module: "Node16",
    moduleResolution: "Node16",
    esModuleInterop: true,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    skipLibCheck: true,
    strict: true,
  }
  write("tsconfig.json", JSON.stringify({ compilerOptions, "ts-node": { swc: true }, include: ["src", "medusa-config.ts"] }, null, 2))
  write("tsconfig.consumer.json", JSON.stringify({ compilerOptions: { ...compilerOptions, noEmit: true }, files: ["src/consumer.ts"] }, null, 2))
  fs.copyFileSync(path.join(__dirname, "fixtures/consumer.ts"), path.join(store, "src/consumer.ts"))

  // Without the repository's .npmrc (no legacy-peer-deps): the peer range must resolve.
  run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: store })
})

afterAll(async () => {
  if (server?.pid && server.exitCode === null) {
    process.kill(-server.pid, "SIGTERM")
    await new Promise((resolve) => server!.once("exit", resolve))
  }
  if (work) fs.rmSync(work, { recursive: true, force: true })
})

describe("the package, installed as the README says", () => {
  it("holds the build, its type declarations, the licence, the changelog and the docs with their images, and no tests or sources", () => {
    for (const file of [
      "LICENSE",
      "README.md",
      "CHANGELOG.md",
      "package.json",
      "docs/design.md",
      "docs/api.md",
      ".medusa/server/src/workflows/index.js",
      ".medusa/server/src/workflows/index.d.ts",
      ".medusa/server/src/modules/resource_booking/index.js",
      ".medusa/server/src/modules/resource_booking/index.d.ts",
      ".medusa/server/src/modules/resource_booking/service.d.ts",
      ".medusa/server/src/admin/index.mjs",
    ]) {
      expect(packed).toContain(file)
    }
    expect(packed.filter((f) => /^(src|integration-tests|bench|scripts)\/|medusa-config|\.spec\.|\.tmp\./.test(f))).toEqual([])
    expect(packed.filter((f) => f.startsWith(".medusa/server/") && /integration-tests|medusa-config/.test(f))).toEqual([])
    // Every picture the README and docs show ships beside them (the package page resolves them).
    const pictures = ["README.md", ...packed.filter((f) => /^docs\/.*\.md$/.test(f))].flatMap((doc) => {
      const text = fs.readFileSync(path.join(ROOT, doc), "utf8")
      return [...text.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => path.posix.join(path.posix.dirname(doc), m[1]))
    })
    expect(pictures.length).toBeGreaterThan(0)
    expect(pictures.filter((p) => !packed.includes(p))).toEqual([])
  })

  it("migrates and boots in a store that lists it under plugins, with its options, routes, module and sweep command", async () => {
    const admin = new Client({ connectionString: databaseUrl("postgres") })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${DB}`)
    await admin.query(`CREATE DATABASE ${DB}`)
    await admin.end()

    const medusa = path.join(store, "node_modules/.bin/medusa")
    run(medusa, ["db:migrate"], { cwd: store })
    const db = new Client({ connectionString: databaseUrl(DB) })
    await db.connect()
    const { rows } = await db.query("SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'booking_%' ORDER BY 1")
    await db.end()
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(["booking_capacity", "booking_cleanup_run", "booking_hold", "booking_resource"])
    )
    run(medusa, ["user", "-e", "installer@example.com", "-p", "secret-password"], { cwd: store })

    const [port] = await freePorts(1)
    server = spawn(medusa, ["start"], {
      cwd: store,
      env: { ...ENV, PORT: String(port), HOST: "127.0.0.1" },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    })
    const keep = (chunk: Buffer) => (serverOutput = (serverOutput + chunk.toString()).slice(-4000))
    server.stdout!.on("data", keep)
    server.stderr!.on("data", keep)
    const http = async (method: string, url: string, headers: Record<string, string> = {}, body?: unknown) => {
      const res = await fetch(`http://127.0.0.1:${port}${url}`, {
        method,
        headers: { "content-type": "application/json", ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      return { status: res.status, data: (await res.json().catch(() => ({}))) as any }
    }
    const deadline = Date.now() + 180_000
    while ((await http("GET", "/health").catch(() => ({ status: 0 }))).status !== 200) {
      if (server.exitCode !== null || Date.now() > deadline) throw new Error(`the scratch store did not start\n${serverOutput}`)
      await new Promise((r) => setTimeout(r, 250))
    }

    expect((await http("GET", "/admin/resource-booking/health")).status).toBe(401)
    const login = await http("POST", "/auth/user/emailpass", {}, { email: "installer@example.com", password: "secret-password" })
    const auth = { authorization: `Bearer ${login.data.token}` }
    const health = await http("GET", "/admin/resource-booking/health", auth)
    expect(health.status).toBe(200)
    expect(health.data.cleanup_job.schedule).toBe(SCHEDULE) // the plugins entry's options reached the module

    const created = await http("POST", "/admin/resource-booking/resources", auth, { title: "Harbour kayak tour" })
    expect(created.status).toBe(200)
    const day = new Date(Date.now() + 7 * 864e5).toISOString().slice(0, 10)
    const capacity = await http("POST", `/admin/resource-booking/resources/${created.data.resource.id}/capacity`, auth, {
      from: day,
      to: day,
      max_capacity: 12,
    })
    expect(capacity.status).toBe(200)
    const listed = await http("GET", `/admin/resource-booking/resources/${created.data.resource.id}/capacity?from=${day}&to=${day}`, auth)
    expect(listed.data.capacity).toEqual(
      expect.arrayContaining([expect.objectContaining({ date: day, max_capacity: 12, available_capacity: 12 })])
    )

    // The sweep as a shell command, at the path docs/production.md gives. Last:
    // it blocks this process, and the server closes its idle keep-alive sockets meanwhile.
    const command = spawnSync(
      medusa,
      ["exec", "./node_modules/medusa-resource-booking/.medusa/server/src/scripts/sweep.js", "dry-run"],
      { cwd: store, env: ENV, encoding: "utf8" }
    )
    expect(command.status).toBe(0)
    expect(command.stdout).toMatch(/^\{"run":\{"id":"rbrun_\w+".*"dry_run":true/m)
  })

  it("type-checks a store's own code against the declarations it ships (workflows, hooks, the module service, events)", () => {
    const r = spawnSync(path.join(store, "node_modules/.bin/tsc"), ["-p", "tsconfig.consumer.json"], {
      cwd: store,
      encoding: "utf8",
      env: ENV,
    })
    expect(`${r.stdout}${r.stderr}`.trim()).toBe("")
    expect(r.status).toBe(0)
  })
})
