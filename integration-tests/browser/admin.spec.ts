import { spawn, spawnSync, type ChildProcess } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"
import { Client } from "pg"
import { chromium, type Browser, type Page } from "playwright-core"
import { databaseUrl, freePorts, runDatabase } from "../helpers/run"

jest.setTimeout(600_000)

// The dashboard in Debian's chromium: log in, open the Resource booking page,
// check the health panel against the API, run the cleanup, release a hold;
// a slotted resource's calendar; pick a variant's resource on a product
// page; see an order's bookings.
const ROOT = path.join(__dirname, "../..")
const MEDUSA = path.join(ROOT, "node_modules/.bin/medusa")
const DB = runDatabase("rb_browser")
let BASE: string
const creds = path.join(os.tmpdir(), `rb-browser-${process.pid}.json`)
const orderFile = path.join(os.tmpdir(), `rb-browser-order-${process.pid}.json`)
// Screenshots go to a temporary folder: a test run writes no tracked file,
// and `medusa develop` restarts when a file in the project changes. `npm run
// screenshots` names docs/ in SCREENSHOTS_DIR, and they are copied there.
const shots = fs.mkdtempSync(path.join(os.tmpdir(), "rb-shots-"))
const env: Record<string, string | undefined> = {
  ...process.env,
  DATABASE_URL: databaseUrl(DB),
  MEDUSA_DISABLE_TELEMETRY: "true",
  MEDUSA_ADMIN_DISABLE: "false",
  HOLD_CLEANUP_INTERVAL: "0 0 * * 0",
  DEMO_CREDENTIALS_FILE: creds,
  BROWSER_ORDER_FILE: orderFile,
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
    const [port] = await freePorts(1)
    BASE = `http://localhost:${port}`
    Object.assign(env, { PORT: String(port), ADMIN_CORS: BASE, AUTH_CORS: BASE })
    admin = new Client({ connectionString: databaseUrl("postgres") })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`)
    await admin.query(`CREATE DATABASE ${DB}`)
    const seeds = [["db:migrate"], ["exec", "./scripts/demo-seed.ts"], ["exec", "./integration-tests/browser/seed-order.ts"]]
    for (const args of seeds) {
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
      // scripts/test.js finds (or installs) Debian's chromium and names it here.
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    })
    page = await browser.newPage({ viewport: { width: 1440, height: 1400 } })
  })

  afterAll(async () => {
    await browser?.close()
    const keep = process.env.SCREENSHOTS_DIR
    for (const f of keep ? fs.readdirSync(shots) : []) {
      fs.copyFileSync(path.join(shots, f), path.resolve(ROOT, keep!, f))
    }
    fs.rmSync(shots, { recursive: true, force: true })
    try {
      process.kill(-app.pid!, "SIGKILL")
    } catch {
      // gone
    }
    await admin?.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`)
    await admin?.end()
  })

  async function apiGet(url: string) {
    const { token } = await fetch(`${BASE}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@example.com", password: "supersecret" }),
    }).then((r) => r.json())
    return fetch(`${BASE}${url}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json())
  }
  const apiHealth = () => apiGet("/admin/resource-booking/health")
  const seed = () => JSON.parse(fs.readFileSync(creds, "utf8"))
  const seededOrder = () => JSON.parse(fs.readFileSync(orderFile, "utf8"))

  it("shows the health panel, runs the cleanup and releases a hold", async () => {
    const { email, password } = JSON.parse(fs.readFileSync(creds, "utf8"))
    await page.goto(`${BASE}/app/login`, { timeout: 240_000 })
    await page.getByPlaceholder("Email").fill(email, { timeout: 240_000 })
    await page.getByPlaceholder("Password").fill(password)
    await page.getByRole("button", { name: "Continue with Email" }).click()
    await page.waitForURL(/\/app\/orders/, { timeout: 120_000 })

    // The widget above the orders list: the demo seed's default layout.
    const widget = page.getByTestId("booking-health")
    await widget.waitFor({ timeout: 120_000 })
    const list = page.getByRole("heading", { name: "Orders", exact: true })
    // The dashboard first renders plugin widgets after the page's content and
    // moves them once the saved layout has loaded: wait for that, then assert.
    await page
      .waitForFunction(
        () => {
          const w = document.querySelector('[data-testid="booking-health"]')
          const h = [...document.querySelectorAll("h1, h2, h3")].find((e) => e.textContent?.trim() === "Orders")
          return !!w && !!h && w.getBoundingClientRect().y < h.getBoundingClientRect().y
        },
        undefined,
        { timeout: 60_000 }
      )
      .catch(() => undefined)
    expect((await widget.boundingBox())!.y).toBeLessThan((await list.boundingBox())!.y)
    await page.getByTestId("holds-active").waitFor()
    await widget.screenshot({ path: path.join(shots, "admin-health-widget.png") })

    await page.goto(`${BASE}/app/resource-booking`)
    const seeded = await apiHealth()
    await expect(page.getByTestId("holds-active")).toHaveText(String(seeded.holds.active))
    expect(seeded.cleanup_job.overdue_holds).toBeGreaterThan(0)
    await expect(page.getByTestId("holds-overdue")).toHaveText(String(seeded.cleanup_job.overdue_holds))
    await expect(page.getByTestId("holds-expired")).toHaveText(String(seeded.holds.expired))
    // seed-order.ts's order edit canceled one booking: a stay of three nights, a hold each.
    expect(seeded.holds.canceled).toBe(3)
    await expect(page.getByTestId("holds-canceled")).toHaveText("3")

    await page.getByRole("button", { name: "Run cleanup now" }).click()
    await expect(page.getByTestId("holds-overdue")).toHaveText("0")
    await expect(page.getByTestId("holds-expired")).toHaveText(String(seeded.holds.expired + seeded.cleanup_job.overdue_holds))
    await expect(page.getByTestId("last-run")).toContainText(`expired ${seeded.cleanup_job.overdue_holds}`)

    // Release an active hold from the list (filtered to active ones), confirming in the prompt.
    await page.getByTestId("holds-status-filter").click()
    await page.getByRole("option", { name: "active", exact: true }).click()
    const row = page.locator('[data-testid^="hold-"]', { has: page.getByRole("button", { name: "Release" }) }).first()
    const holdRowId = await row.getAttribute("data-testid")
    await row.getByRole("button", { name: "Release" }).click()
    await page.getByRole("alertdialog").getByRole("button", { name: "Release" }).click()
    await page.getByTestId("holds-status-filter").click()
    await page.getByRole("option", { name: "released", exact: true }).click()
    await expect(page.getByTestId(holdRowId!)).toContainText("released")
    await page.getByTestId("holds-status-filter").click()
    await page.getByRole("option", { name: "All statuses", exact: true }).click()

    // The capacity calendar of a resource: this month's days, available / max.
    await page.getByRole("button", { name: "Capacity" }).first().click()
    const today = new Date().toISOString().slice(0, 10)
    await expect(page.getByTestId(`day-${today}`)).toContainText(" / ")
    // Each resource names the product variants that book it.
    for (const product of seed().products) {
      for (const v of product.variants) {
        await expect(page.getByTestId(`resource-variants-${product.resource_id}`)).toContainText(`${product.title} · ${v.title}`)
      }
    }
    await page.screenshot({ path: path.join(shots, "admin-resource-booking-page.png"), fullPage: true })
    // The demo's bookings come from real checkouts and an order edit: the books balance.
    await expect(page.getByTestId("audit-status")).toHaveText("balanced")
    await expect(page.getByTestId("audit-figure")).toHaveText("balanced")
    const audit = await apiGet("/admin/resource-booking/audit")
    expect([audit.uncovered, audit.orphaned]).toEqual([[], []])
    await page.getByTestId("booking-audit").screenshot({ path: path.join(shots, "admin-books-audit.png") })
    const after = await apiHealth()
    expect(after.holds.released).toBe(seeded.holds.released + 1)
  })

  it("shows a scheduled resource's departures per day, its weekly schedule, and a day set by hand apart", async () => {
    const fjord = seed().products.find((p: { slots: string[] }) => p.slots.length)
    expect(fjord.slots).toEqual(["09:00", "14:00"])
    await page.goto(`${BASE}/app/resource-booking`)
    await expect(page.getByTestId(`resource-slots-${fjord.resource_id}`)).toHaveText("09:00, 14:00")
    const room = seed().products.find((p: { title: string }) => /room/i.test(p.title))
    await expect(page.getByTestId(`resource-slots-${room.resource_id}`)).toHaveText("the stay, 2–14 nights")
    await page.locator("tr", { hasText: fjord.title }).getByRole("button", { name: "Capacity" }).click()
    await expect(page.getByRole("heading", { name: `Capacity of ${fjord.title}` })).toContainText(fjord.title)
    // The demo's tour sells Tuesday to Sunday from its schedule: the first of those from today.
    const { schedule } = await apiGet(`/admin/resource-booking/resources/${fjord.resource_id}/schedule`)
    const open = schedule.first_day as string
    expect(new Date(`${open}T00:00:00Z`).getUTCDay()).not.toBe(1)
    await expect(page.getByTestId(`slot-${open}-09:00`)).toContainText("/ 8")
    await expect(page.getByTestId(`slot-${open}-14:00`)).toContainText("/ 8")

    // The weekly schedule: one rule, Tuesday to Sunday, 8 places, Copenhagen time, an hour's cut-off.
    const editor = page.getByTestId("schedule-editor")
    await expect(editor).toContainText("Europe/Copenhagen · sales close 60 min before")
    expect(await page.locator("#rule-0-day-1").getAttribute("data-state")).toBe("unchecked")
    expect(await page.locator("#rule-0-day-2").getAttribute("data-state")).toBe("checked")
    expect(await page.locator("#rule-0-capacity").inputValue()).toBe("8")
    await editor.screenshot({ path: path.join(shots, "admin-schedule.png") })

    // Only the afternoon departure gets 10 seats that day: set by hand, an exception the schedule leaves alone.
    await page.locator("#cap-from").fill(open)
    await page.locator("#cap-to").fill(open)
    await page.locator("#cap-max").fill("10")
    await page.getByRole("checkbox", { name: "09:00" }).first().click()
    await page.getByRole("button", { name: "Set capacity" }).click()
    await expect(page.getByTestId(`slot-${open}-14:00`)).toContainText("/ 10")
    await expect(page.getByTestId(`slot-${open}-09:00`)).toContainText("/ 8")
    expect(await page.getByTestId(`day-${open}`).getAttribute("data-exception")).toBe("true")
    const { capacity } = await apiGet(`/admin/resource-booking/resources/${fjord.resource_id}/capacity?from=${open}&to=${open}`)
    expect(capacity.map((c: { slot: string; max_capacity: number; is_exception: boolean }) => [c.slot, c.max_capacity, c.is_exception])).toEqual([
      ["09:00", 8, false],
      ["14:00", 10, true],
    ])
    await page.screenshot({ path: path.join(shots, "admin-slot-calendar.png"), fullPage: true })
  })

  it("picks the resource each variant books on the product page", async () => {
    const tour = seed().products[0]
    const child = tour.variants.find((v: { title: string }) => v.title === "Child")
    const { variants } = await apiGet(`/admin/product-variants?id=${child.id}&fields=id,product_id`)
    await page.goto(`${BASE}/app/products/${variants[0].product_id}`)

    const widget = page.getByTestId("product-bookings")
    await widget.waitFor({ timeout: 120_000 })
    for (const v of tour.variants) {
      await expect(page.getByTestId(`variant-booking-${v.id}`)).toContainText(tour.title)
    }
    const row = page.getByTestId(`variant-booking-${child.id}`)
    const choose = async (option: string, toast: string) => {
      await row.getByRole("combobox").click()
      await page.getByRole("option", { name: option, exact: true }).click()
      await page.getByText(toast).waitFor()
    }
    const variantIds = async () => (await apiGet(`/admin/resource-booking/resources/${tour.resource_id}`)).resource.variant_ids

    await choose("Books nothing", "Child books nothing now")
    await expect(row).toContainText("Books nothing")
    expect(await variantIds()).not.toContain(child.id)
    await choose(tour.title, `Child now books ${tour.title}`)
    await expect(row).toContainText(tour.title)
    expect(await variantIds()).toContain(child.id)
    await widget.screenshot({ path: path.join(shots, "admin-product-bookings.png") })
  })

  it("lists an order's bookings on the order page, reached from the holds list, and moves one to another day", async () => {
    const order = seededOrder()
    const [tour, room] = seed().products
    await page.goto(`${BASE}/app/resource-booking`)
    await page.getByTestId(`hold-${order.confirmed}`).getByRole("link", { name: order.order_id }).click()
    await page.waitForURL(new RegExp(`/app/orders/${order.order_id}$`))

    const widget = page.getByTestId("order-bookings")
    await widget.waitFor({ timeout: 120_000 })
    const confirmed = page.getByTestId(`order-booking-${order.confirmed}`)
    await expect(confirmed).toContainText(tour.title)
    await expect(confirmed).toContainText("2 units")
    await expect(confirmed).toContainText("confirmed")
    const canceled = page.getByTestId(`order-booking-${order.canceled}`)
    await expect(canceled).toContainText(room.title)
    await expect(canceled).toContainText("canceled")
    // The room's stay is one row: check-in, check-out, nights.
    const night = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
    await expect(canceled).toContainText(`Check-in ${night(11)} · check-out ${night(14)} · 3 nights`)

    // "Can we move to Thursday?": the tour's booking moves to another day.
    const later = new Date(Date.now() + 13 * 86_400_000).toISOString().slice(0, 10)
    await confirmed.getByRole("button", { name: "Reschedule" }).click()
    const form = page.getByTestId(`reschedule-${order.confirmed}`)
    await form.getByLabel("New day").fill(later)
    await page.screenshot({ path: path.join(shots, "admin-order-bookings.png") })
    await form.getByRole("button", { name: "Move" }).click()
    await expect(page.getByTestId(`order-booking-${order.confirmed}`)).toContainText("canceled")
    await expect(widget).toContainText(`${later} · 2 units`)
    const { holds } = await apiGet(`/admin/resource-booking/holds?order_id=${order.order_id}&status=confirmed`)
    expect(holds.map((h: { date: string; quantity: number }) => [h.date, h.quantity])).toEqual([[later, 2]])
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
