import type { MedusaSuiteOptions } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import { createSalesChannelsWorkflow, updateProductsWorkflow, updateRegionsWorkflow } from "@medusajs/medusa/core-flows"
import { RESOURCE_BOOKING_MODULE } from "../../../src/modules/resource_booking"
import { createBookableProduct, type StoreSetup } from "../../../scripts/lib/store-setup"
import { connect, day, expectInvariant } from "../../helpers/db"
import { call } from "../../helpers/http"
import { addLineItem, completeCart, createStoreCart, prepareCheckout, SHIPPING_ADDRESS, type StoreHeaders, beforeEachStore, type TestStore } from "../../helpers/storefront"

const A = "/admin/resource-booking"
const S = "/store/resource-booking"

// The store routes are public: a publishable key ships in every storefront.
// Nobody with one may take capacity they could not buy, keep it longer than
// the store allows, or lock a cart (docs/commerce.md, "Limits").
export default function storefrontLimits({ api, getContainer, dbConfig }: MedusaSuiteOptions) {
  let admin: TestStore["admin"], store: StoreSetup, pk: StoreHeaders
  beforeEachStore(api, getContainer, (t) => ({ admin, store, pk } = t))

  const booking = () => getContainer().resolve<any>(RESOURCE_BOOKING_MODULE)

  /** A resource with `max` on days 0..9, sold in the store's channel by a published product's variant. */
  async function sold(title: string, max: number, extra: Record<string, unknown> = {}) {
    const resource = await booking().createResources({ title, handle: `${title.toLowerCase().replace(/\W+/g, "-")}-${Date.now()}`, ...extra })
    await booking().setCapacity(resource.id, { from: day(0), to: day(9), max_capacity: max })
    const product = await createBookableProduct(getContainer(), store, { title, variants: [{ title: "Adult", price: 20, resource_id: resource.id }] })
    return { resource, variant: product.variant_ids[0] as string, product_id: product.product_id as string }
  }

  async function available(resourceId: string, date: string, slot = "") {
    const { data } = await api.get(`${A}/resources/${resourceId}/capacity?from=${date}&to=${date}`, admin)
    return data.capacity.find((c: any) => c.slot === slot)?.available_capacity as number
  }

  async function tables() {
    const db = await connect(dbConfig.clientUrl)
    try {
      const holds = (await db.query(`SELECT id, status, quantity, expires_at FROM booking_hold ORDER BY id`)).rows
      const capacity = (await db.query(`SELECT id, available_capacity FROM booking_capacity ORDER BY id`)).rows
      return JSON.stringify({ holds, capacity })
    } finally {
      await db.end()
    }
  }

  /** A refusal that changes nothing in the booking tables. */
  async function refused(request: () => Promise<any>, status: number, message: string | RegExp) {
    const before = await tables()
    const res = await call(request())
    expect([res.status, res.data.message]).toEqual([status, typeof message === "string" ? message : expect.stringMatching(message)])
    expect(await tables()).toEqual(before)
    return res
  }

  async function sql(text: string, params: unknown[] = []) {
    const db = await connect(dbConfig.clientUrl)
    try {
      return (await db.query(text, params)).rows
    } finally {
      await db.end()
    }
  }

  describe("the holds API", () => {
    it("reaches only resources the key's sales channels sell and only open carts of those channels; anything else is a 404 like an unknown id", async () => {
      const { resource } = await sold("Sold tour", 5)
      const cart = await createStoreCart(api, pk, store)
      const hold = (body: Record<string, unknown>) => () => api.post(`${S}/holds`, { cart_id: cart.id, date: day(2), quantity: 1, ...body }, pk)

      // Not linked to any product; linked but unpublished; published in another channel.
      const unlinked = await booking().createResources({ title: "Back office", handle: `back-${Date.now()}` })
      await booking().setCapacity(unlinked.id, { from: day(0), to: day(9), max_capacity: 5 })
      const draft = await sold("Draft tour", 5)
      await updateProductsWorkflow(getContainer()).run({ input: { selector: { id: draft.product_id }, update: { status: ProductStatus.DRAFT } } })
      const other = await sold("Other channel tour", 5)
      const { result: [channel] } = await createSalesChannelsWorkflow(getContainer()).run({ input: { salesChannelsData: [{ name: `Other ${Date.now()}` }] } })
      await getContainer().resolve(ContainerRegistrationKeys.LINK).dismiss({
        [Modules.PRODUCT]: { product_id: other.product_id },
        [Modules.SALES_CHANNEL]: { sales_channel_id: store.sales_channel_id },
      })
      await getContainer().resolve(ContainerRegistrationKeys.LINK).create({
        [Modules.PRODUCT]: { product_id: other.product_id },
        [Modules.SALES_CHANNEL]: { sales_channel_id: channel.id },
      })
      for (const id of [unlinked.id, draft.resource.id, other.resource.id, "res_nope"]) {
        await refused(hold({ resource_id: id }), 404, `Resource with id "${id}" was not found`)
      }

      // A cart of another channel, and a completed one.
      const foreign = await getContainer().resolve(Modules.CART).createCarts({ currency_code: "eur", region_id: store.region_id, sales_channel_id: channel.id })
      await refused(() => api.post(`${S}/holds`, { cart_id: foreign.id, resource_id: resource.id, date: day(2), quantity: 1 }, pk), 404, `Cart with id "${foreign.id}" was not found`)
      await refused(() => api.get(`${S}/holds?cart_id=${foreign.id}`, pk), 404, `Cart with id "${foreign.id}" was not found`)

      const ok = await call(hold({ resource_id: resource.id })())
      expect([ok.status, ok.data.hold?.quantity]).toEqual([200, 1])
      await refused(() => api.post(`${S}/holds/${ok.data.hold.id}/release`, { cart_id: foreign.id }, pk), 404, `Cart with id "${foreign.id}" was not found`)
      await expectInvariant(dbConfig.clientUrl)
    })

    it("refuses a past day, and availability shows none", async () => {
      const { resource } = await sold("Yesterday tour", 5)
      await booking().setCapacity(resource.id, { from: day(-2), to: day(-1), max_capacity: 5 })
      const cart = await createStoreCart(api, pk, store)
      await refused(
        () => api.post(`${S}/holds`, { cart_id: cart.id, resource_id: resource.id, date: day(-1), quantity: 1 }, pk),
        400,
        `Resource "Yesterday tour" (${resource.id}) cannot be booked on ${day(-1)}: that day has passed`
      )
      const { data } = await api.get(`${S}/resources/${resource.id}/availability?from=${day(-2)}&to=${day(1)}`, pk)
      expect(data.availability.map((d: any) => d.date)).toEqual([day(0), day(1)])
    })

    it("caps a hold's life from the cart's first hold on the day, releasing and taking again included, and a cart's held quantity", async () => {
      // 30 minutes' TTL, at most 40 minutes from the cart's first hold on a day.
      const { resource } = await sold("Capped tour", 60, { max_hold_minutes: 40 })
      const cart = await createStoreCart(api, pk, store)
      const { hold } = (await api.post(`${S}/holds`, { cart_id: cart.id, resource_id: resource.id, date: day(2), quantity: 1 }, pk)).data
      const extended = await call(api.post(`${S}/holds/${hold.id}/extend`, { cart_id: cart.id, minutes: 5 }, pk))
      expect(extended.status).toBe(200)
      await refused(
        () => api.post(`${S}/holds/${hold.id}/extend`, { cart_id: cart.id, minutes: 10 }, pk),
        400,
        /cannot be extended by 10 minutes: a hold lasts at most 40 minutes from its cart's first hold on that day \(maxHoldMinutes\)/
      )

      // Released and taken again 35 minutes after the first: the new one lives 5 more.
      await api.post(`${S}/holds/${hold.id}/release`, { cart_id: cart.id }, pk)
      await sql(`UPDATE booking_hold SET created_at = created_at - interval '35 minutes' WHERE id = $1`, [hold.id])
      const again = (await api.post(`${S}/holds`, { cart_id: cart.id, resource_id: resource.id, date: day(2), quantity: 1 }, pk)).data.hold
      const [{ minutes }] = await sql(`SELECT extract(epoch FROM expires_at - now()) / 60 AS minutes FROM booking_hold WHERE id = $1`, [again.id])
      expect(Number(minutes)).toBeGreaterThan(3)
      expect(Number(minutes)).toBeLessThan(6)
      // Past the cap, the cart may not hold that day again.
      await api.post(`${S}/holds/${again.id}/release`, { cart_id: cart.id }, pk)
      await sql(`UPDATE booking_hold SET created_at = created_at - interval '10 minutes' WHERE cart_id = $1`, [cart.id])
      await refused(
        () => api.post(`${S}/holds`, { cart_id: cart.id, resource_id: resource.id, date: day(2), quantity: 1 }, pk),
        400,
        `This cart has held resource "Capped tour" (${resource.id}) on ${day(2)} for the longest a hold may last (40 minutes, maxHoldMinutes); complete the checkout or start a new cart`
      )

      // At most 50 units held by one cart, across every day.
      const other = await createStoreCart(api, pk, store)
      expect((await call(api.post(`${S}/holds`, { cart_id: other.id, resource_id: resource.id, date: day(3), quantity: 30 }, pk))).status).toBe(200)
      await refused(
        () => api.post(`${S}/holds`, { cart_id: other.id, items: [{ resource_id: resource.id, date: day(4), quantity: 21 }] }, pk),
        400,
        "A cart may hold at most 50 units at once (maxQuantityPerCart); this cart holds 30 and asked for 21 more"
      )
      await expectInvariant(dbConfig.clientUrl)
    })

    it("a hold of the cart is adopted by a line of its day whatever the quantities", async () => {
      const { resource, variant } = await sold("Adopted tour", 3)
      const cart = await createStoreCart(api, pk, store)
      const { hold } = (await api.post(`${S}/holds`, { cart_id: cart.id, resource_id: resource.id, date: day(2), quantity: 2 }, pk)).data
      expect((await addLineItem(api, pk, cart.id, { variant_id: variant, quantity: 3, metadata: { booking_date: day(2) } })).status).toBe(200)
      const holds = (await api.get(`${A}/holds?cart_id=${cart.id}&order=created_at`, admin)).data.holds
      expect(holds.map((h: any) => [h.id === hold.id, h.status, h.quantity, !!h.line_item_id])).toEqual([
        [true, "released", 2, false],
        [false, "active", 3, true],
      ])
      expect(await available(resource.id, day(2))).toBe(0)

      const smaller = await createStoreCart(api, pk, store)
      await booking().setCapacity(resource.id, { from: day(3), to: day(3), max_capacity: 3 })
      const big = (await api.post(`${S}/holds`, { cart_id: smaller.id, resource_id: resource.id, date: day(3), quantity: 3 }, pk)).data.hold
      expect((await addLineItem(api, pk, smaller.id, { variant_id: variant, quantity: 1, metadata: { booking_date: day(3) } })).status).toBe(200)
      expect(await available(resource.id, day(3))).toBe(2)
      expect((await api.get(`${A}/holds?cart_id=${smaller.id}&status=active`, admin)).data.holds.map((h: any) => [h.id === big.id, h.quantity])).toEqual([[false, 1]])
      await expectInvariant(dbConfig.clientUrl)
    })
  })

  describe("carts", () => {
    it("a cart created with items holds them exactly as add-to-cart does, or is not created", async () => {
      const { resource, variant } = await sold("Created tour", 2)
      const create = (metadata?: Record<string, unknown>, quantity = 1) =>
        api.post(
          "/store/carts",
          { region_id: store.region_id, email: `c${Math.random()}@example.com`, items: [{ variant_id: variant, quantity, ...(metadata && { metadata }) }] },
          pk
        )
      const carts = async () => (await sql(`SELECT count(*)::int AS n FROM cart WHERE deleted_at IS NULL`))[0].n
      const before = await carts()
      await refused(() => create(), 400, /metadata.booking_date must be a calendar day/)
      await refused(() => create({ booking_date: day(2) }, 3), 400, `Not enough capacity for resource "Created tour" (${resource.id}) on ${day(2)}: requested 3, available 2`)
      expect(await carts()).toBe(before)
      const made = await call(create({ booking_date: day(2) }, 2))
      expect(made.status).toBe(200)
      expect((await api.get(`${A}/holds?cart_id=${made.data.cart.id}`, admin)).data.holds.map((h: any) => [h.status, h.quantity])).toEqual([["active", 2]])
      expect(await available(resource.id, day(2))).toBe(0)
    })

    it("a line that became invalid never stops removing it or changing the others; completion refuses it naming the line", async () => {
      const { resource, variant } = await sold("Departures", 4, { slots: ["09:00", "13:00"] })
      const cart = await createStoreCart(api, pk, store)
      for (const slot of ["09:00", "13:00"]) {
        expect((await addLineItem(api, pk, cart.id, { variant_id: variant, quantity: 1, metadata: { booking_date: day(2), booking_slot: slot } })).status).toBe(200)
      }
      // The holds lapse, and the operator drops the 13:00 departure.
      await sql(`UPDATE booking_hold SET expires_at = now() - interval '1 minute' WHERE cart_id = $1`, [cart.id])
      const dropped = await call(api.post(`${A}/resources/${resource.id}`, { slots: ["09:00"] }, admin))
      expect(dropped.status).toBe(200)
      const items = (await api.get(`/store/carts/${cart.id}`, pk)).data.cart.items
      const at = (slot: string) => items.find((i: any) => i.metadata.booking_slot === slot)
      await prepareCheckout(api, pk, cart.id, store)
      const completion = await completeCart(api, pk, cart.id)
      expect([completion.status, completion.data.message]).toEqual([400, expect.stringMatching(/booked by the slot: metadata.booking_slot must be one of 09:00, got "13:00"/)])
      // The shopper signs in: Medusa moves the cart to the customer (transferCartCustomerWorkflow), not stopped by the 13:00 line.
      const email = `signed-in-${Date.now()}@example.com`
      const password = "correct-horse-battery"
      const { token: registration } = (await api.post("/auth/customer/emailpass/register", { email, password })).data
      await api.post("/store/customers", { email }, { headers: { ...pk.headers, authorization: `Bearer ${registration}` } })
      const { token } = (await api.post("/auth/customer/emailpass", { email, password })).data
      const transferred = await call(api.post(`/store/carts/${cart.id}/customer`, {}, { headers: { ...pk.headers, authorization: `Bearer ${token}` } }))
      expect([transferred.status, transferred.data.message]).toEqual([200, undefined])
      expect(transferred.data.cart.items).toHaveLength(2)
      // The 09:00 line changes and goes; the 13:00 line goes too.
      expect((await call(api.post(`/store/carts/${cart.id}/line-items/${at("09:00").id}`, { quantity: 2 }, pk))).status).toBe(200)
      expect((await call(api.delete(`/store/carts/${cart.id}/line-items/${at("09:00").id}`, pk))).status).toBe(200)
      expect((await call(api.delete(`/store/carts/${cart.id}/line-items/${at("13:00").id}`, pk))).status).toBe(200)
      await expectInvariant(dbConfig.clientUrl)
    })

    it("the same for a day that passed, a resource deactivated or deleted, and a variant linked after its line was added", async () => {
      const passed = await sold("Passed tour", 4)
      const paused = await sold("Paused tour", 4)
      const gone = await sold("Gone tour", 4)
      const plain = await createBookableProduct(getContainer(), store, { title: "Late tour", variants: [{ title: "Adult", price: 20, resource_id: null }] })
      const late = await booking().createResources({ title: "Late tour", handle: `late-${Date.now()}` })
      await booking().setCapacity(late.id, { from: day(0), to: day(9), max_capacity: 4 })

      const cart = await createStoreCart(api, pk, store)
      for (const v of [passed.variant, paused.variant, gone.variant]) {
        expect((await addLineItem(api, pk, cart.id, { variant_id: v, quantity: 1, metadata: { booking_date: day(1) } })).status).toBe(200)
      }
      expect((await addLineItem(api, pk, cart.id, { variant_id: plain.variant_ids[0], quantity: 1 })).status).toBe(200)
      const items = (await api.get(`/store/carts/${cart.id}`, pk)).data.cart.items
      const line = (variant: string) => items.find((i: any) => i.variant_id === variant)

      // The day passes (midnight: the line and its hold now name yesterday), the
      // holds lapse, one resource is deactivated, one deleted, and the plain variant
      // becomes bookable.
      await booking().setCapacity(passed.resource.id, { from: day(-1), to: day(-1), max_capacity: 4 })
      await sql(
        `UPDATE cart_line_item SET metadata = jsonb_set(metadata, '{booking_date}', to_jsonb($2::text)) WHERE id = $1`,
        [line(passed.variant).id, day(-1)]
      )
      await sql(`UPDATE booking_hold SET date = $2 WHERE line_item_id = $1`, [line(passed.variant).id, day(-1)])
      await sql(
        `UPDATE booking_capacity SET available_capacity = available_capacity + 1 WHERE resource_id = $1 AND date = $2`,
        [passed.resource.id, day(1)]
      )
      await sql(
        `UPDATE booking_capacity SET available_capacity = available_capacity - 1 WHERE resource_id = $1 AND date = $2`,
        [passed.resource.id, day(-1)]
      )
      await sql(`UPDATE booking_hold SET expires_at = now() - interval '1 minute' WHERE cart_id = $1`, [cart.id])
      await api.post(`${A}/resources/${paused.resource.id}`, { is_active: false }, admin)
      await booking().cleanupExpiredHolds({})
      expect((await call(api.delete(`${A}/resources/${gone.resource.id}`, admin))).status).toBe(200)
      expect((await call(api.post(`${A}/resources/${late.id}/variants`, { add: [plain.variant_ids[0]] }, admin))).status).toBe(200)
      await expectInvariant(dbConfig.clientUrl)

      const reasons: [string, RegExp][] = [
        [passed.variant, /metadata.booking_date .* is in the past/],
        [paused.variant, /which is not active: it cannot be booked; remove the line/],
        [gone.variant, /which no longer exists: the product cannot be booked; remove the line/],
        [plain.variant_ids[0], /the line was added before its product could be booked/],
      ]
      for (const [variant, reason] of reasons) {
        // A new total wants a new payment session.
        await prepareCheckout(api, pk, cart.id, store)
        const completion = await completeCart(api, pk, cart.id)
        expect([completion.status, completion.data.message]).toEqual([400, expect.stringMatching(reason)])
        expect(completion.data.message).toContain(`(variant ${variant})`)
        expect((await call(api.delete(`/store/carts/${cart.id}/line-items/${line(variant).id}`, pk))).status).toBe(200)
      }
      expect((await api.get(`/store/carts/${cart.id}`, pk)).data.cart.items).toEqual([])

      // A variant whose resource was deleted is no bookable product: 400, not 404.
      const other = await createStoreCart(api, pk, store)
      const res = await addLineItem(api, pk, other.id, { variant_id: gone.variant, quantity: 1, metadata: { booking_date: day(2) } })
      expect([res.status, res.data.type, res.data.message]).toEqual([400, "not_allowed", expect.stringMatching(/no longer exists: the product cannot be booked/)])
      await expectInvariant(dbConfig.clientUrl)
    })

    it("a declined payment leaves the cart's holds active, with their TTL, for the retry", async () => {
      await updateRegionsWorkflow(getContainer()).run({
        input: { selector: { id: store.region_id }, update: { payment_providers: ["pp_system_default", "pp_decline_test"] } },
      })
      const { resource, variant } = await sold("Declined tour", 3)
      const cart = await createStoreCart(api, pk, store)
      await addLineItem(api, pk, cart.id, { variant_id: variant, quantity: 2, metadata: { booking_date: day(2) } })
      await api.post(`/store/carts/${cart.id}`, { shipping_address: SHIPPING_ADDRESS }, pk)
      await api.post(`/store/carts/${cart.id}/shipping-methods`, { option_id: store.shipping_option_id }, pk)
      const { payment_collection } = (await api.post("/store/payment-collections", { cart_id: cart.id }, pk)).data
      await api.post(`/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_decline_test" }, pk)
      const [before] = (await api.get(`${A}/holds?cart_id=${cart.id}`, admin)).data.holds

      const declined = await completeCart(api, pk, cart.id)
      expect([declined.status, declined.data.type, declined.data.error?.message]).toEqual([200, "cart", "Your card was declined"])
      const [after] = (await api.get(`${A}/holds?cart_id=${cart.id}`, admin)).data.holds
      expect([after.id, after.status, after.expires_at, after.order_id]).toEqual([before.id, "active", before.expires_at, null])
      expect(await available(resource.id, day(2))).toBe(1)

      await api.post(`/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, pk)
      const paid = await completeCart(api, pk, cart.id)
      expect([paid.status, paid.data.type]).toEqual([200, "order"])
      expect((await api.get(`${A}/holds?cart_id=${cart.id}`, admin)).data.holds.map((h: any) => [h.id, h.status])).toEqual([[before.id, "confirmed"]])
      await expectInvariant(dbConfig.clientUrl)
    })
  })

  describe("large capacity writes", () => {
    it("a year of a resource sold by 96 slots in one request, on PostgreSQL's default lock table, atomic beside holds", async () => {
      const [{ max_locks_per_transaction }] = await sql("SHOW max_locks_per_transaction")
      expect(max_locks_per_transaction).toBe("64")
      // The shared lock table holds max_locks_per_transaction × (max_connections + max_prepared_transactions)
      // locks: this server's is smaller than one lock per key of the year would need.
      const [{ slots_in_table }] = await sql(
        `SELECT current_setting('max_locks_per_transaction')::int * (current_setting('max_connections')::int + current_setting('max_prepared_transactions')::int) AS slots_in_table`
      )
      expect(slots_in_table).toBeLessThan(365 * 96)
      const slots = Array.from({ length: 96 }, (_, i) => `${String(Math.floor(i / 4)).padStart(2, "0")}:${String((i % 4) * 15).padStart(2, "0")}`)
      const { resource } = await sold("Court", 2, { slots })
      const cart = await createStoreCart(api, pk, store)
      const held = (await api.post(`${S}/holds`, { cart_id: cart.id, resource_id: resource.id, date: day(3), slot: "10:00", quantity: 2 }, pk)).data.hold

      // Holds on the resource while the year is written: each waits, or wins first.
      const year = call(api.post(`${A}/resources/${resource.id}/capacity`, { from: day(0), to: day(364), max_capacity: 4 }, admin))
      const during = Array.from({ length: 4 }, (_, i) =>
        call(api.post(`${S}/holds`, { cart_id: cart.id, resource_id: resource.id, date: day(5 + i), slot: "09:00", quantity: 1 }, pk))
      )
      const [written, ...holds] = await Promise.all([year, ...during])
      expect([written.status, written.data.capacity?.length]).toEqual([200, 365 * 96])
      expect(holds.map((h) => h.status)).toEqual([200, 200, 200, 200])
      expect(await available(resource.id, day(3), "10:00")).toBe(2)
      expect(held.status).toBe("active")

      // Below what a day holds: refused for the whole year, nothing written.
      await refused(
        () => api.post(`${A}/resources/${resource.id}/capacity`, { from: day(0), to: day(364), max_capacity: 1 }, admin),
        400,
        new RegExp(`Cannot set max_capacity of resource "Court" \\(${resource.id}\\) to 1: active and confirmed holds already use more on ${day(3)} at 10:00 \\(2 held\\)`)
      )
      await expectInvariant(dbConfig.clientUrl)
    })
  })
}
