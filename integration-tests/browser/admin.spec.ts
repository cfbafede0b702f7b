import { spawn, spawnSync, type ChildProcess } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"
import { Client } from "pg"
import { chromium, type Browser, type Page } from "playwright-core"

jest.setTimeout(600_000)

// The dashboard in Debian's chromium: log in, open the Resource booking page,
// check the health panel against the API, run the cleanup, release a hold.
const ROOT = path.join(__dirname, "../..")
const MEDUSA = path.join(ROOT, "node_modules/.bin/medusa")
const DB = `rb_browser_${process.pid}`
const PORT = 9600 + Math.floor(Math.random() * 100)
const BASE = `http://localhost:${PORT}`
const base = `postgres://${process.env.DB_USERNAME || "postgres"}@${process.env.DB_HOST || "localhost"}:${process.env.DB_PORT || 5432}`
const creds = path.join(os.tmpdir(), `rb-browser-${process.pid}.json`)
// `medusa develop` restarts when a file in the project changes, so screenshots
// are taken outside it and copied to docs/ at the end.
const shots = fs.mkdtempSync(path.join(os.tmpdir(), "rb-shots-"))
const env = {
  ...process.env,
  DATABASE_URL: `${base}/${DB}`,
  PORT: String(PORT),
  MEDUSA_DISABLE_TELEMETRY: "true",
  MEDUSA_ADMIN_DISABLE: "false",
  HOLD_CLEANUP_INTERVAL: "0 0 * * 0",
  DEMO_CREDENTIALS_FILE: creds,
  ADMIN_CORS: BASE,
  AUTH_CORS: BASE,
  NODE_ENV: "development",
  NODE_OPTIONS: "",
  LOG_LEVEL: "error",
}

describe("admin dashboard", () => {
  let admin: Client
  let app: ChildProcess
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    admin = new Client({ connectionString: `${base}/postgres` })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`)
    await admin.query(`CREATE DATABASE ${DB}`)
    for (const args of [["db:migrate"], ["exec", "./scripts/demo-seed.ts"]]) {
      const r = spawnSync(MEDUSA, args, { cwd: ROOT, env, encoding: "utf8" })
      if (r.status !== 0) throw new Error(`medusa ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`)
    }
    app = spawn(MEDUSA, ["develop"], { cwd: ROOT, env, detached: true, stdio: "ignore" })
    const deadline = Date.now() + 180_000
    while (!(await fetch(`${BASE}/health`).then((r) => r.ok, () => false))) {
      if (Date.now() > deadline) throw new Error("the app did not start")
      await new Promise((r) => setTimeout(r, 250))
    }
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    })
    page = await browser.newPage({ viewport: { width: 1440, height: 1400 } })
  })

  afterAll(async () => {
    await browser?.close()
    for (const f of fs.readdirSync(shots)) {
      fs.copyFileSync(path.join(shots, f), path.join(ROOT, "docs", f))
    }
    try {
      process.kill(-app.pid!, "SIGKILL")
    } catch {
      // gone
    }
    await admin?.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`)
    await admin?.end()
  })

  async function apiHealth() {
    const { token } = await fetch(`${BASE}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@example.com", password: "supersecret" }),
    }).then((r) => r.json())
    return fetch(`${BASE}/admin/resource-booking/health`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json())
  }

  it("shows the health panel, runs the cleanup and releases a hold", async () => {
    const { email, password } = JSON.parse(fs.readFileSync(creds, "utf8"))
    await page.goto(`${BASE}/app/login`, { timeout: 240_000 })
    await page.getByPlaceholder("Email").fill(email, { timeout: 240_000 })
    await page.getByPlaceholder("Password").fill(password)
    await page.getByRole("button", { name: "Continue with Email" }).click()
    await page.waitForURL(/\/app\/orders/, { timeout: 120_000 })

    // The widget above the orders list.
    const widget = page.getByTestId("booking-health")
    await widget.waitFor({ timeout: 120_000 })
    await page.getByTestId("holds-active").waitFor()
    await widget.screenshot({ path: path.join(shots, "admin-health-widget.png") })

    await page.goto(`${BASE}/app/resource-booking`)
    const seeded = await apiHealth()
    await expect(page.getByTestId("holds-active")).toHaveText(String(seeded.holds.active))
    expect(seeded.cleanup_job.overdue_holds).toBeGreaterThan(0)
    await expect(page.getByTestId("holds-overdue")).toHaveText(String(seeded.cleanup_job.overdue_holds))
    await expect(page.getByTestId("holds-expired")).toHaveText(String(seeded.holds.expired))

    await page.getByRole("button", { name: "Run cleanup now" }).click()
    await expect(page.getByTestId("holds-overdue")).toHaveText("0")
    await expect(page.getByTestId("holds-expired")).toHaveText(String(seeded.holds.expired + seeded.cleanup_job.overdue_holds))
    await expect(page.getByTestId("last-run")).toContainText(`expired ${seeded.cleanup_job.overdue_holds}`)

    // Release an active hold from the list, confirming in the prompt.
    const row = page.locator('[data-testid^="hold-"]', { has: page.getByRole("button", { name: "Release" }) }).first()
    const holdRowId = await row.getAttribute("data-testid")
    await row.getByRole("button", { name: "Release" }).click()
    await page.getByRole("alertdialog").getByRole("button", { name: "Release" }).click()
    await expect(page.getByTestId(holdRowId!)).toContainText("released")

    // The capacity calendar of a resource: this month's days, available / max.
    await page.getByRole("button", { name: "Capacity" }).first().click()
    const today = new Date().toISOString().slice(0, 10)
    await expect(page.getByTestId(`day-${today}`)).toContainText(" / ")
    await page.screenshot({ path: path.join(shots, "admin-resource-booking-page.png"), fullPage: true })
    const after = await apiHealth()
    expect(after.holds.released).toBe(seeded.holds.released + 1)
  })
})

// A small expect for locators: waits (polling the DOM) until the text matches.
function expect(target: any) {
  if (target && typeof target.textContent === "function") {
    const wait = async (check: (t: string) => boolean, what: string) => {
      const deadline = Date.now() + 60_000
      for (;;) {
        const text = ((await target.textContent().catch(() => "")) ?? "").trim()
        if (check(text)) return
        if (Date.now() > deadline) throw new Error(`expected ${what}, got "${text}"`)
        await new Promise((r) => setTimeout(r, 100))
      }
    }
    return {
      toHaveText: (t: string) => wait((x) => x === t, `text "${t}"`),
      toContainText: (t: string) => wait((x) => x.includes(t), `text containing "${t}"`),
    }
  }
  return (globalThis as any).expect(target)
}
