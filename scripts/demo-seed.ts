import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import fs from "fs"
import path from "path"
import { RESOURCE_BOOKING_MODULE } from "../src/modules/resource_booking"
import type ResourceBookingModuleService from "../src/modules/resource_booking/service"
import { bindCheckoutOrders } from "../src/workflows"
import { checkoutInProcess } from "./lib/checkout"
import { createBookableProduct, setupStore, type StoreSetup } from "./lib/store-setup"
import { createOrderFulfillmentWorkflow } from "@medusajs/medusa/core-flows"

// Run by `npm run demo` through `medusa exec`. Idempotent: a second run finds
// its data and only rewrites the credentials file.
type DemoProduct = { title: string; resource_id: string; slots: string[]; variants: { id: string; title: string }[] }

const ADMIN_EMAIL = process.env.DEMO_ADMIN_EMAIL || "admin@example.com"
const ADMIN_PASSWORD = process.env.DEMO_ADMIN_PASSWORD || "supersecret"

const RESOURCES = [
  { title: "Harbour kayak tour", handle: "harbour-kayak-tour", max: 12, description: "Two hours around the harbour at sunrise.", prices: [["Adult", 45], ["Child", 25]] },
  // Sold by the stay: a line books 2 to 14 nights, priced per night.
  { title: "Sea-view room", handle: "sea-view-room", max: 4, description: "Four rooms with a balcony; stays of 2 to 14 nights.", hold_ttl_minutes: 20, min_nights: 2, max_nights: 14, prices: [["Double", 120], ["Single", 90]] },
  { title: "E-bike rental", handle: "e-bike-rental", max: 20, description: "Day rental, helmet included.", prices: [["Adult", 30], ["Child", 18]] },
  // Sold by the slot from a weekly schedule in Copenhagen time: Tuesday to
  // Sunday, two departures a day with 8 seats each, sales closing an hour
  // before departure, and one day closed by hand (an exception).
  {
    title: "Fjord boat tour",
    handle: "fjord-boat-tour",
    max: 8,
    description: "Three hours on the fjord; departures at 09:00 and 14:00, Tuesday to Sunday.",
    slots: ["09:00", "14:00"],
    time_zone: "Europe/Copenhagen",
    cutoff_minutes: 60,
    weekdays: [2, 3, 4, 5, 6, 7],
    prices: [["Adult", 55], ["Child", 30]],
  },
] as const

type Spec = (typeof RESOURCES)[number]

/** The day `offset` days ahead, or the first one after it that a scheduled resource sells (not closed, on its weekdays). */
function openDay(spec: Spec, offset: number): string {
  let date = day(offset)
  if ("weekdays" in spec) {
    const closed = closedDay()
    while (!(spec.weekdays as readonly number[]).includes(isoWeekday(date)) || date === closed) {
      date = nextDay(date)
    }
  }
  return date
}

/** The scheduled tour's day closed by hand: its first Saturday three weeks or more ahead. */
function closedDay(): string {
  let date = day(21)
  while (isoWeekday(date) !== 6) {
    date = nextDay(date)
  }
  return date
}

const isoWeekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() || 7
const nextDay = (date: string) => new Date(new Date(`${date}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10)

function day(offset: number) {
  const d = new Date()
  d.setUTCHours(0, 0, 0, 0)
  d.setUTCDate(d.getUTCDate() + offset)
  return d.toISOString().slice(0, 10)
}

async function ensureAdmin(container: ExecArgs["container"]) {
  const users = container.resolve(Modules.USER)
  const auth = container.resolve(Modules.AUTH)
  const [existing] = await users.listUsers({ email: ADMIN_EMAIL })
  if (existing) {
    return
  }
  const user = await users.createUsers({ email: ADMIN_EMAIL, first_name: "Demo", last_name: "Admin" })
  const { authIdentity, error } = await auth.register("emailpass", {
    body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
  } as any)
  if (error || !authIdentity) {
    throw new Error(`could not create the admin login: ${error}`)
  }
  await auth.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: user.id } })
}

// One product per resource, Adult and Child both booking it. Looked up by
// handle, so data kept from a demo run before products existed gets them too.
async function ensureProducts(container: ExecArgs["container"], store: StoreSetup) {
  const booking = container.resolve<ResourceBookingModuleService>(RESOURCE_BOOKING_MODULE)
  const products = container.resolve(Modules.PRODUCT)
  const out: DemoProduct[] = []
  for (const spec of RESOURCES) {
    const [resource] = await booking.listResources({ handle: spec.handle })
    let [product] = await products.listProducts({ handle: spec.handle }, { relations: ["variants"] })
    if (!product) {
      const { product_id } = await createBookableProduct(container, store, {
        title: spec.title,
        handle: spec.handle,
        variants: spec.prices.map(([title, price]) => ({ title, price, resource_id: resource.id })),
      })
      product = await products.retrieveProduct(product_id, { relations: ["variants"] })
    }
    out.push({
      title: product.title,
      resource_id: resource.id,
      slots: resource.slots ?? [],
      variants: product.variants.map((v) => ({ id: v.id, title: v.title })).sort((a, b) => a.title.localeCompare(b.title)),
    })
  }
  return out
}

const slotOf = (slots: readonly string[], offset: number) => (slots.length ? slots[offset % slots.length] : "")

// Each resource is seeded once, found by its handle, so demo data kept from
// an earlier version gains the resources it lacks. Returns the handles seeded.
async function seedBookings(container: ExecArgs["container"]) {
  const booking = container.resolve<ResourceBookingModuleService>(RESOURCE_BOOKING_MODULE)
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const seeded: string[] = []
  for (const [i, spec] of RESOURCES.entries()) {
    const { max, prices, ...data } = spec
    if ((await booking.listResources({ handle: spec.handle })).length) {
      continue
    }
    seeded.push(spec.handle)
    const { weekdays, ...fields } = { weekdays: null, ...data } as typeof data & { weekdays: readonly number[] | null }
    const resource = await booking.createResources({ ...fields, slots: "slots" in spec ? [...spec.slots] : [] })
    if (weekdays) {
      await booking.setSchedule(resource.id, { rules: [{ weekdays: [...weekdays], capacity: max }] })
      await booking.setCapacity(resource.id, { from: closedDay(), to: closedDay(), max_capacity: 0 })
    } else {
      await booking.setCapacity(resource.id, { from: day(0), to: day(59), max_capacity: max })
    }
    // A slotted resource's holds alternate between its departures; a room's hold two nights.
    const slots: string[] = "slots" in spec ? [...spec.slots] : []
    const nights = "min_nights" in spec ? spec.min_nights : 1
    const item = (offset: number, quantity = 1) =>
      Array.from({ length: nights }, (_, n) => ({
        resource_id: resource.id,
        date: openDay(spec, offset + n),
        slot: slotOf(slots, offset),
        quantity,
      }))

    // Active holds within their TTL: shoppers at checkout right now.
    await booking.placeHolds([...item(1, 2), ...item(3)], { cart_id: `cart_demo_${i}_a` })
    // A shopper who gave the hold back.
    const released = await booking.placeHolds(item(4), { cart_id: `cart_demo_${i}_c` })
    await booking.releaseHolds(released.map((h) => h.id))
    // Shoppers who walked away: past their TTL, not yet swept (the job or
    // "Run cleanup now" will expire them)...
    const stale = await booking.placeHolds([...item(5), ...item(5), ...item(6, 2)], { cart_id: `cart_demo_${i}_d` })
    await knex.raw(
      `UPDATE booking_hold SET expires_at = now() - interval '20 minutes' WHERE id = ANY(?::text[])`,
      [stale.map((h) => h.id)]
    )
    // ...and one already swept.
    const swept = await booking.placeHolds(item(8), { cart_id: `cart_demo_${i}_e` })
    await knex.raw(
      `UPDATE booking_hold SET expires_at = now() - interval '2 hours' WHERE id = ANY(?::text[])`,
      [swept.map((h) => h.id)]
    )
    await booking.releaseHolds(swept.map((h) => h.id)) // lazily expires it, releases nothing
  }
  return seeded
}

// Confirmed bookings come from real orders, through Medusa's cart and
// checkout, so the books audit finds the demo balanced. One more order, for
// the kayak tour, is fulfilled: a return needs fulfilled items (the operator
// flows of docs/operators.md). Returns that order's id (null when nothing was seeded).
async function seedOrders(container: ExecArgs["container"], store: StoreSetup, products: DemoProduct[], handles: string[]) {
  for (const [i, spec] of RESOURCES.entries()) {
    if (!handles.includes(spec.handle)) {
      continue
    }
    const first = products[i].variants.find((v) => v.title === spec.prices[0][0])!
    const slots = products[i].slots
    // A room's orders are stays: 2 nights from day 3, 3 nights from day 7.
    const line = (offset: number, quantity: number, nights: number) => ({
      variant_id: first.id,
      quantity,
      booking_date: openDay(spec, offset),
      ...(slots.length && { booking_slot: slotOf(slots, offset) }),
      ...("min_nights" in spec && { booking_end_date: day(offset + nights) }),
    })
    await checkoutInProcess(container, store, [line(3, 2, 2), line(7, 1, 3)], `guest${i}@example.com`)
  }
  let fulfilled: string | null = null
  if (handles.includes(RESOURCES[0].handle)) {
    const adult = products[0].variants.find((v) => v.title === "Adult")!
    fulfilled = await checkoutInProcess(container, store, [{ variant_id: adult.id, quantity: 2, booking_date: day(12) }], "fulfilled@example.com")
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: [order] } = await query.graph({ entity: "order", fields: ["items.id"], filters: { id: fulfilled } })
    await createOrderFulfillmentWorkflow(container).run({
      input: { order_id: fulfilled, items: [{ id: (order.items as any[])[0].id, quantity: 2 }] },
    })
  }
  // `medusa exec` runs no subscribers: write the orders' ids on their bookings here.
  await bindCheckoutOrders(container)
  return fulfilled
}

// Medusa 2.21 puts a plugin's widget after the page's own content unless the
// page's saved layout says otherwise. The demo saves the orders page's default
// layout (for every admin, as an owner would) with the health panel above the
// list; a default someone already saved is left as it is.
async function healthPanelFirst(container: ExecArgs["container"]) {
  const settings = container.resolve(Modules.SETTINGS)
  if (await settings.getSystemDefaultLayoutConfiguration("order.list")) {
    return
  }
  await settings.setSystemDefaultLayoutConfiguration("order.list", {
    widgets: { "widget:resource-booking.health": { order: 0 }, "core:OrderListTable": { order: 1 } },
  })
}

const previous = (file: string) => {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"))
  } catch {
    return null
  }
}

export default async function demoSeed({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  await ensureAdmin(container)
  const store = await setupStore(container)
  const seeded = await seedBookings(container)
  const products = await ensureProducts(container, store)
  const fulfilled = await seedOrders(container, store, products, seeded)
  await healthPanelFirst(container)
  logger.info(seeded.length ? "Demo data seeded." : "Demo data found; reusing it.")
  const out = process.env.DEMO_CREDENTIALS_FILE || path.join(process.cwd(), ".demo-data", "credentials.json")
  fs.mkdirSync(path.dirname(out), { recursive: true })
  fs.writeFileSync(
    out,
    JSON.stringify(
      {
        email: ADMIN_EMAIL,
        password: ADMIN_PASSWORD,
        publishable_key: store.publishable_key,
        region_id: store.region_id,
        sales_channel_id: store.sales_channel_id,
        shipping_option_id: store.shipping_option_id,
        // Kept from the first run: later runs seed no orders.
        fulfilled_order_id: fulfilled ?? previous(out)?.fulfilled_order_id ?? null,
        products,
      },
      null,
      2
    )
  )
}
