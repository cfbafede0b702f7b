import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import fc from "fast-check"
import { RESOURCE_BOOKING_MODULE } from "../../src/modules/resource_booking"
import {
  MAX_CLEANUP_BATCH_SIZE,
  MAX_HOLD_TTL_MINUTES,
  MAX_PAGE_SIZE,
  MAX_QUANTITY,
  MAX_SLOTS,
} from "../../src/modules/resource_booking/utils/limits"
import { isCalendarDay, isSlot } from "../../src/modules/resource_booking"
import { connect, day } from "../helpers/db"
import { ProductStatus } from "@medusajs/framework/utils"
import { adminHeaders, call, createCart, prepareAppEnv, sellResources, storeHeaders } from "../helpers/http"

jest.setTimeout(300_000)
prepareAppEnv()

// Generated hostile requests for every route: always a 4xx with a message,
// never a 5xx, and the booking tables exactly as they were.
const RUNS = Number(process.env.HOSTILE_RUNS || 40)

type Kind = "bool" | "day" | "string" | "id" | "fields" | "nullableTtl" | "nullableString" | "slot" | "slots" | [min: number, max: number]
type Route = {
  name: string
  method: "get" | "post" | "delete"
  path: (ids: Ids) => string
  valid?: (ids: Ids) => Record<string, unknown>
  /** Each field's kind; a [min, max] pair is a whole number in that range. */
  fields?: Record<string, Kind>
  required?: string[]
  query?: boolean
  auth: "admin" | "store"
}
type Ids = { resource: string; hold: string; cart: string; otherCart: string }

const SQLISH = ["' OR 1=1 --", "'; DROP TABLE booking_hold; --", "res_1' UNION SELECT * FROM user --", "$1", "?", "\\", "%", "_"]
const weird = fc.oneof(
  fc.constantFrom(...SQLISH),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ minLength: 300, maxLength: 3000 })
)
const notNumber = fc.oneof(weird, fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }))
const badInt = (min: number, max: number) =>
  fc.oneof(
    notNumber,
    fc.double({ noInteger: true, noDefaultInfinity: true, noNaN: true }),
    fc.integer({ min: -1e9, max: min - 1 }),
    fc.constantFrom(max + 1, Number.MAX_SAFE_INTEGER, 1e300, -1e300)
  )
const invalidFor = (kind: Kind): fc.Arbitrary<unknown> =>
  Array.isArray(kind) ? fc.oneof(badInt(kind[0], kind[1]), fc.constant(null)) : invalid[kind]
const invalid: Record<Exclude<Kind, [number, number]>, fc.Arbitrary<unknown>> = {
  nullableTtl: badInt(1, MAX_HOLD_TTL_MINUTES),
  bool: fc.oneof(weird, fc.integer(), fc.constant(null), fc.array(fc.boolean(), { maxLength: 2 })),
  day: fc.oneof(weird.filter((s) => !isCalendarDay(s)), fc.integer(), fc.constant(null), fc.constantFrom("2026-02-30", "2026-13-01", "20261201", "2026-1-1")),
  string: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.string({ minLength: 6000, maxLength: 8000 })),
  nullableString: fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 2 }), fc.string({ minLength: 6000, maxLength: 8000 })),
  // Any id string is well-formed; hostile ones must simply not be found.
  id: fc.oneof(weird, fc.integer(), fc.boolean(), fc.constant(null), fc.constant(""), fc.string({ minLength: 256, maxLength: 400 })),
  // Medusa's `fields` list naming what no route reads (an empty list is a valid one).
  // A slot the test's whole-day resource cannot have, malformed or not.
  slot: fc.oneof(weird.filter((s) => !isSlot(s)), fc.integer(), fc.constant(null), fc.constantFrom("24:00", "9:00", "09:60", "09:00:00", "10:00")),
  // Never a valid list: not an array, a bad label in it, a label twice, or too many.
  slots: fc.oneof(
    weird,
    fc.integer(),
    fc.constant(null),
    fc.array(weird.filter((s) => !isSlot(s)), { minLength: 1, maxLength: 3 }),
    fc.constantFrom(["09:00", "09:00"], ["9:00"], [900], Array.from({ length: MAX_SLOTS + 1 }, (_, i) => `${String(Math.floor(i / 4)).padStart(2, "0")}:${String((i % 4) * 15).padStart(2, "0")}`))
  ),
  fields: fc.oneof(fc.constantFrom(...SQLISH), fc.string({ minLength: 300, maxLength: 3000 }), fc.integer(), fc.constant(null), fc.constantFrom("*holds", "resource.metadata", "product_variants.sku", "password")),
}

const A = "/admin/resource-booking"
const S = "/store/resource-booking"
const ROUTES: Route[] = [
  { name: "cleanup", method: "post", auth: "admin", path: () => `${A}/cleanup`, valid: () => ({ dry_run: true, batch_size: 10 }), fields: { dry_run: "bool", batch_size: [1, MAX_CLEANUP_BATCH_SIZE] } },
  { name: "create resource", method: "post", auth: "admin", path: () => `${A}/resources`, valid: () => ({ title: "T", description: "d", hold_ttl_minutes: 5, is_active: true }), fields: { title: "string", handle: "string", description: "nullableString", hold_ttl_minutes: "nullableTtl", is_active: "bool", slots: "slots" }, required: ["title"] },
  { name: "health", method: "get", auth: "admin", query: true, path: () => `${A}/health` },
  { name: "audit", method: "get", auth: "admin", query: true, path: () => `${A}/audit`, fields: { from: "day" } },
  { name: "get resource", method: "get", auth: "admin", query: true, path: (i) => `${A}/resources/${i.resource}`, fields: { fields: "fields" } },
  { name: "delete resource", method: "delete", auth: "admin", path: (i) => `${A}/resources/${i.resource}` },
  { name: "admin release", method: "post", auth: "admin", path: (i) => `${A}/holds/${i.hold}/release`, valid: () => ({}) },
  { name: "store list holds", method: "get", auth: "store", query: true, path: () => `${S}/holds`, valid: (i) => ({ cart_id: i.cart }), fields: { fields: "fields", order: "id", limit: [1, MAX_PAGE_SIZE] }, required: ["cart_id"] },
  { name: "update resource", method: "post", auth: "admin", path: (i) => `${A}/resources/${i.resource}`, valid: () => ({ title: "T2" }), fields: { title: "string", handle: "string", hold_ttl_minutes: "nullableTtl", is_active: "bool", slots: "slots" } },
  { name: "set capacity", method: "post", auth: "admin", path: (i) => `${A}/resources/${i.resource}/capacity`, valid: () => ({ from: day(1), to: day(2), max_capacity: 9 }), fields: { from: "day", to: "day", max_capacity: [0, MAX_QUANTITY], slots: "slots" }, required: ["from", "to", "max_capacity"] },
  { name: "list resources", method: "get", auth: "admin", query: true, path: () => `${A}/resources`, fields: { limit: [1, MAX_PAGE_SIZE], offset: [0, 10_000_000], order: "id", is_active: "bool", fields: "fields" } },
  { name: "read capacity", method: "get", auth: "admin", query: true, path: (i) => `${A}/resources/${i.resource}/capacity`, valid: () => ({ from: day(1), to: day(2) }), fields: { from: "day", to: "day" }, required: ["from", "to"] },
  { name: "list holds", method: "get", auth: "admin", query: true, path: () => `${A}/holds`, fields: { status: "id", date: "day", from: "day", to: "day", limit: [1, MAX_PAGE_SIZE], offset: [0, 10_000_000], order: "id", fields: "fields" } },
  // The test's hold is active, not an order's booking: even a valid body is refused, changing nothing.
  { name: "reschedule", method: "post", auth: "admin", path: (i) => `${A}/holds/${i.hold}/reschedule`, valid: () => ({ date: day(2) }), fields: { date: "day", slot: "slot", quantity: [1, MAX_QUANTITY] }, required: ["date"] },
  { name: "availability", method: "get", auth: "store", query: true, path: (i) => `${S}/resources/${i.resource}/availability`, valid: () => ({ from: day(1), to: day(2) }), fields: { from: "day", to: "day" }, required: ["from", "to"] },
  { name: "create hold", method: "post", auth: "store", path: () => `${S}/holds`, valid: (i) => ({ cart_id: i.cart, resource_id: i.resource, date: day(1), quantity: 1 }), fields: { cart_id: "id", resource_id: "id", date: "day", slot: "slot", quantity: [1, MAX_QUANTITY] }, required: ["cart_id", "resource_id", "date", "quantity"] },
  { name: "release hold", method: "post", auth: "store", path: (i) => `${S}/holds/${i.hold}/release`, valid: (i) => ({ cart_id: i.otherCart }), fields: { cart_id: "id" }, required: ["cart_id"] },
  { name: "extend hold", method: "post", auth: "store", path: (i) => `${S}/holds/${i.hold}/extend`, valid: (i) => ({ cart_id: i.otherCart, minutes: 5 }), fields: { cart_id: "id", minutes: [1, 120] }, required: ["cart_id"] },
]

type Mutation = { kind: "field"; field: string; value: unknown } | { kind: "extra"; key: string; value: unknown } | { kind: "drop"; field: string } | { kind: "shape"; body: unknown } | { kind: "id"; id: string }

const mutationFor = (route: Route): fc.Arbitrary<Mutation> => {
  const fields = Object.entries(route.fields ?? {})
  const options: fc.Arbitrary<Mutation>[] = [
    fc.record({ kind: fc.constant("extra" as const), key: fc.constantFrom("foo", "__proto__x", "constructor_", "id", "status", "deleted_at", "😀"), value: fc.jsonValue({ maxDepth: 1 }) }),
  ]
  if (fields.length) {
    options.push(fc.constantFrom(...fields).chain(([field, kind]) => invalidFor(kind).map((value) => ({ kind: "field" as const, field, value }))))
  }
  if (route.required?.length) {
    options.push(fc.constantFrom(...route.required).map((field) => ({ kind: "drop" as const, field })))
  }
  if (!route.query) {
    options.push(fc.record({ kind: fc.constant("shape" as const), body: fc.oneof(fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }), fc.string(), fc.integer(), fc.constant(null)) }))
  }
  if (route.path({ resource: "X", hold: "X", cart: "X", otherCart: "X" }).includes("/X")) {
    options.push(fc.oneof(weird, fc.constantFrom("res_missing", "hold_missing")).filter((s) => s.length > 0 && !s.includes("/") && !s.includes("?") && !s.includes("#")).map((id) => ({ kind: "id" as const, id })))
  }
  return fc.oneof(...options)
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    it(`every route answers generated hostile input with a 4xx and a message, changing nothing (${RUNS} per route)`, async () => {
      const container = getContainer()
      const admin = await adminHeaders(api, container)
      const store = await storeHeaders(container)
      const booking = container.resolve<any>(RESOURCE_BOOKING_MODULE)
      const r = await booking.createResources({ title: "Tour", handle: "tour" })
      await booking.setCapacity(r.id, { from: day(1), to: day(3), max_capacity: 5 })
      await sellResources(container, store, [r.id])
      const cart = await createCart(container, store)
      const otherCart = await createCart(container, store)
      const [h] = await booking.placeHolds([{ resource_id: r.id, date: day(1), quantity: 1 }], { cart_id: cart.id })
      const ids: Ids = { resource: r.id, hold: h.id, cart: cart.id, otherCart: otherCart.id }

      const db = await connect(dbConfig.clientUrl)
      const snapshot = async () => {
        const out: Record<string, unknown> = {}
        for (const t of ["booking_resource", "booking_capacity", "booking_hold", "booking_cleanup_run"]) {
          out[t] = (await db.query(`SELECT * FROM ${t} ORDER BY id`)).rows
        }
        return JSON.stringify(out)
      }
      const before = await snapshot()
      const failures: string[] = []
      let sent = 0
      try {
        for (const route of ROUTES) {
          await fc.assert(
            fc.asyncProperty(mutationFor(route), async (m) => {
              const headers = route.auth === "admin" ? admin : store
              let path = route.path(ids)
              if (m.kind === "id") {
                path = path.replace(/(res|hold)_[0-9A-Z]+/, encodeURIComponent(m.id))
              }
              let body: any = route.valid?.(ids) ?? {}
              if (m.kind === "field") body = { ...body, [m.field]: m.value }
              if (m.kind === "extra") body = { ...body, [m.key]: m.value }
              if (m.kind === "drop") delete body[m.field]
              if (m.kind === "shape") body = m.body
              let res: any
              if (route.query) {
                const qs = Object.entries(body ?? {})
                  .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === "string" ? v : JSON.stringify(v))}`)
                  .join("&")
                res = await call(api.get(`${path}?${qs}`, headers))
              } else if (route.method === "delete") {
                res = await call(api.delete(path, headers))
              } else {
                res = await call(api.post(path, body, { headers: { ...headers.headers, "content-type": "application/json" } }))
              }
              sent++
              const ok = res.status >= 400 && res.status < 500 && typeof res.data?.message === "string" && res.data.message.length > 0
              if (!ok) {
                failures.push(`${route.name} ${JSON.stringify(m).slice(0, 300)} → ${res.status} ${JSON.stringify(res.data).slice(0, 300)}`)
              }
              return ok
            }),
            { numRuns: RUNS, endOnFailure: true, seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined }
          ).catch((e) => failures.push(String(e.message).slice(0, 2000)))
        }
        expect(failures).toEqual([])
        expect(sent).toBeGreaterThanOrEqual(RUNS * ROUTES.length)
        expect(await snapshot()).toEqual(before)
      } finally {
        await db.end()
      }
    })

    // A storefront with a valid key that tries to take what it could not buy,
    // keep it longer than the store allows, or use carts not its own: every
    // request refused with a 4xx that says why, the booking tables unchanged.
    it(`the holds API refuses generated abuse from a storefront's own key, changing nothing (${RUNS * 2} requests)`, async () => {
      const container = getContainer()
      const booking = container.resolve<any>(RESOURCE_BOOKING_MODULE)
      const store = await storeHeaders(container)
      const elsewhere = await storeHeaders(container)
      const resource = async (title: string) => {
        const made = await booking.createResources({ title, handle: title.toLowerCase().replace(/\W+/g, "-") })
        await booking.setCapacity(made.id, { from: day(-3), to: day(5), max_capacity: 500 })
        return made
      }
      const sold = await resource("Sold tour")
      const unsold = await resource("Back office")
      const draft = await resource("Draft tour")
      const foreign = await resource("Other channel tour")
      await sellResources(container, store, [sold.id])
      await sellResources(container, store, [draft.id], ProductStatus.DRAFT)
      await sellResources(container, elsewhere, [foreign.id])
      const cart = await createCart(container, store)
      const otherChannelCart = await createCart(container, elsewhere)
      const completed = await createCart(container, store)
      await container.resolve("cart").updateCarts([{ id: completed.id, completed_at: new Date() }])
      // The cart's hold, made at the default TTL (30 minutes) of a 60-minute life.
      const { hold } = (await api.post(`${S}/holds`, { cart_id: cart.id, resource_id: sold.id, date: day(1), quantity: 1 }, store)).data

      const item = (over: Record<string, unknown> = {}) => ({ resource_id: sold.id, date: day(2), quantity: 1, ...over })
      type Abuse = { what: string; send: () => Promise<any>; status: number; message: RegExp }
      const notFound = (kind: string, id: string) => new RegExp(`^${kind} with id "${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}" was not found$`)
      const abuse: fc.Arbitrary<Abuse> = fc.oneof(
        // Past the 60-minute life: 30 minutes of TTL left to it at most.
        fc.integer({ min: 31, max: 120 }).map((minutes) => ({
          what: `extend by ${minutes}`,
          send: () => api.post(`${S}/holds/${hold.id}/extend`, { cart_id: cart.id, minutes }, store),
          status: 400,
          message: new RegExp(`cannot be extended by ${minutes} minutes: a hold lasts at most 60 minutes .*\\(maxHoldMinutes\\)`),
        })),
        fc.constantFrom(unsold.id, draft.id, foreign.id, "res_missing").map((id) => ({
          what: `hold ${id}`,
          send: () => api.post(`${S}/holds`, { cart_id: cart.id, ...item({ resource_id: id }) }, store),
          status: 404,
          message: notFound("Resource", id),
        })),
        fc.tuple(fc.constantFrom(unsold.id, draft.id, foreign.id), fc.integer({ min: 1, max: 3 })).map(([id, at]) => ({
          what: `batch with ${id} at ${at}`,
          send: () => api.post(`${S}/holds`, { cart_id: cart.id, items: [item(), item({ date: day(3) }), item({ date: day(4) })].toSpliced(at - 1, 1, item({ resource_id: id })) }, store),
          status: 404,
          message: notFound("Resource", id),
        })),
        fc.constantFrom(otherChannelCart.id, "cart_missing").chain((id) =>
          fc.constantFrom("hold", "release", "extend", "list").map((action) => ({
            what: `${action} with cart ${id}`,
            send: () =>
              action === "hold"
                ? api.post(`${S}/holds`, { cart_id: id, ...item() }, store)
                : action === "list"
                  ? api.get(`${S}/holds?cart_id=${id}`, store)
                  : api.post(`${S}/holds/${hold.id}/${action}`, { cart_id: id, ...(action === "extend" ? { minutes: 1 } : {}) }, store),
            status: 404,
            message: action === "hold" || action === "list" || id === "cart_missing" ? notFound("Cart", id) : /was not found$/,
          }))
        ),
        fc.constant({
          what: "hold for a completed cart",
          send: () => api.post(`${S}/holds`, { cart_id: completed.id, ...item() }, store),
          status: 400,
          message: /is already completed/,
        }),
        fc.integer({ min: 1, max: 400 }).map((ago) => ({
          what: `hold ${ago} days ago`,
          send: () => api.post(`${S}/holds`, { cart_id: cart.id, ...item({ date: day(-ago) }) }, store),
          status: 400,
          message: /that day has passed/,
        })),
        // The cart holds 1; 50 at most.
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 3 })
          .filter((qs) => qs.reduce((a, b) => a + b, 0) >= 50)
          .map((qs) => ({
            what: `hold ${qs.join("+")}`,
            send: () => api.post(`${S}/holds`, { cart_id: cart.id, items: qs.map((quantity, i) => item({ date: day(2 + i), quantity })) }, store),
            status: 400,
            message: /A cart may hold at most 50 units at once \(maxQuantityPerCart\)/,
          }))
      )

      const db = await connect(dbConfig.clientUrl)
      const snapshot = async () =>
        JSON.stringify({
          holds: (await db.query(`SELECT * FROM booking_hold ORDER BY id`)).rows,
          capacity: (await db.query(`SELECT * FROM booking_capacity ORDER BY id`)).rows,
        })
      const before = await snapshot()
      const failures: string[] = []
      try {
        await fc.assert(
          fc.asyncProperty(abuse, async (a) => {
            const res = await call(a.send())
            const ok = res.status === a.status && a.message.test(res.data?.message ?? "")
            if (!ok) failures.push(`${a.what} → ${res.status} ${JSON.stringify(res.data).slice(0, 300)}`)
            return ok
          }),
          { numRuns: RUNS * 2, endOnFailure: true, seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined }
        ).catch((e) => failures.push(String(e.message).slice(0, 2000)))
        expect(failures).toEqual([])
        expect(await snapshot()).toEqual(before)
      } finally {
        await db.end()
      }
    })
  },
})
