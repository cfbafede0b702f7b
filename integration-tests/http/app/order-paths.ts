import type { MedusaSuiteOptions } from "@medusajs/test-utils"
import { RESOURCE_BOOKING_MODULE } from "../../../src/modules/resource_booking"
import { createBookableProduct, type StoreSetup } from "../../../scripts/lib/store-setup"
import { connect, day, expectInvariant, expireInDb } from "../../helpers/db"
import { call } from "../../helpers/http"
import { addLineItem, checkoutCart, createStoreCart, SHIPPING_ADDRESS, type StoreHeaders, beforeEachStore, type TestStore } from "../../helpers/storefront"

const A = "/admin/resource-booking"

// Draft orders and order edits through Medusa's own admin routes: the
// plugin's workflows run behind them, so each change and its capacity happen
// together or not at all (docs/commerce.md, "Every order path").
export default function orderPaths({ api, getContainer, dbConfig }: MedusaSuiteOptions) {
  let admin: TestStore["admin"], store: StoreSetup, pk: StoreHeaders
  beforeEachStore(api, getContainer, (t) => ({ admin, store, pk } = t))

  /** A resource with `max` a day on days 1..7, booked by a product's "Adult" variant. */
  async function bookable(title: string, max: number) {
    const booking = getContainer().resolve<any>(RESOURCE_BOOKING_MODULE)
    const resource = await booking.createResources({ title, handle: `${title.toLowerCase().replace(/\W+/g, "-")}-${Date.now()}` })
    await booking.setCapacity(resource.id, { from: day(1), to: day(7), max_capacity: max })
    const product = await createBookableProduct(getContainer(), store, {
      title,
      variants: [{ title: "Adult", price: 40, resource_id: resource.id }],
    })
    return { resource, variant: product.variant_ids[0] as string }
  }

  async function available(resourceId: string, date: string) {
    const { data } = await api.get(`${A}/resources/${resourceId}/capacity?from=${date}&to=${date}`, admin)
    return data.capacity[0].available_capacity as number
  }

  async function holdsOf(orderId: string) {
    const { data } = await api.get(`${A}/holds?order_id=${orderId}&order=created_at&limit=200`, admin)
    return (data.holds as any[]).map((h) => ({ status: h.status, quantity: h.quantity, date: h.date }))
  }

  async function audit() {
    return (await api.get(`${A}/audit`, admin)).data
  }

  const draftBody = (items: any[]) => ({
    region_id: store.region_id,
    sales_channel_id: store.sales_channel_id,
    email: "phone@example.com",
    shipping_address: SHIPPING_ADDRESS,
    billing_address: SHIPPING_ADDRESS,
    items,
  })

  async function draftCount() {
    return (await api.get(`/admin/draft-orders?fields=id`, admin)).data.count as number
  }

  /** A live order from Medusa's checkout, with `quantity` of the variant on `date`. */
  async function placedOrder(variant: string, quantity: number, date: string) {
    const cart = await createStoreCart(api, pk, store)
    const added = await addLineItem(api, pk, cart.id, { variant_id: variant, quantity, metadata: { booking_date: date } })
    expect([added.status, added.data.message]).toEqual([200, undefined])
    const done = await checkoutCart(api, pk, cart.id, store)
    expect(done.data.type).toBe("order")
    return done.data.order as { id: string; items: { id: string }[] }
  }

  describe("draft orders (phone bookings)", () => {
    it("a draft's booking lines hold capacity, or the draft is not created", async () => {
      const { resource, variant } = await bookable("Harbour tour", 3)
      const line = (quantity: number, metadata?: any) => ({ variant_id: variant, quantity, ...(metadata && { metadata }) })

      for (const [items, type, message] of [
        [[line(1)], "invalid_data", "metadata.booking_date must be a calendar day"],
        [[line(1, { booking_date: "2026-02-30" })], "invalid_data", "metadata.booking_date must be a calendar day"],
        [[line(4, { booking_date: day(2) })], "not_allowed", `Not enough capacity for resource "Harbour tour" (${resource.id}) on ${day(2)}: requested 4, available 3`],
      ] as const) {
        const res = await call(api.post("/admin/draft-orders", draftBody([...items]), admin))
        expect([res.status, res.data.type, res.data.message]).toEqual([400, type, expect.stringContaining(message)])
      }
      expect(await draftCount()).toBe(0)
      expect(await available(resource.id, day(2))).toBe(3)

      const created = await call(api.post("/admin/draft-orders", draftBody([line(2, { booking_date: day(2) })]), admin))
      expect(created.status).toBe(200)
      const draft = created.data.draft_order
      expect(await holdsOf(draft.id)).toEqual([{ status: "active", quantity: 2, date: day(2) }])
      expect(await available(resource.id, day(2))).toBe(1)
      await expectInvariant(dbConfig.clientUrl)
    })

    it("converting confirms every booking line, takes a lapsed hold again, and is refused (the draft unchanged) when its places were sold", async () => {
      const { resource, variant } = await bookable("Sea kayak", 2)
      const make = async () =>
        (await api.post("/admin/draft-orders", draftBody([{ variant_id: variant, quantity: 2, metadata: { booking_date: day(3) } }]), admin)).data.draft_order
      const db = await connect(dbConfig.clientUrl)
      try {
        // Lapsed but still free: taken again at conversion.
        const first = await make()
        await db.query(`UPDATE booking_hold SET expires_at = now() - interval '1 hour' WHERE order_id = $1`, [first.id])
        const converted = await call(api.post(`/admin/draft-orders/${first.id}/convert-to-order`, {}, admin))
        expect([converted.status, converted.data.order?.status]).toEqual([200, "pending"])
        expect((await holdsOf(first.id)).filter((h) => h.status === "confirmed")).toEqual([{ status: "confirmed", quantity: 2, date: day(3) }])
        expect(await available(resource.id, day(3))).toBe(0)

        // Lapsed and sold to someone else: refused, nothing changes.
        const booking = getContainer().resolve<any>(RESOURCE_BOOKING_MODULE)
        await booking.setCapacity(resource.id, { from: day(3), to: day(3), max_capacity: 4 })
        const second = await make()
        await expireInDb(db, (await api.get(`${A}/holds?order_id=${second.id}`, admin)).data.holds.map((h: any) => h.id))
        const rival = await placedOrder(variant, 2, day(3))
        const refused = await call(api.post(`/admin/draft-orders/${second.id}/convert-to-order`, {}, admin))
        expect([refused.status, refused.data.type, refused.data.message]).toEqual([
          400,
          "not_allowed",
          `Not enough capacity for resource "Sea kayak" (${resource.id}) on ${day(3)}: requested 2, available 0`,
        ])
        expect((await api.get(`/admin/draft-orders/${second.id}?fields=status`, admin)).data.draft_order.status).toBe("draft")
        expect((await holdsOf(rival.id)).map((h) => h.status)).toEqual(["confirmed"])
        expect(await available(resource.id, day(3))).toBe(0)
      } finally {
        await db.end()
      }
      await expectInvariant(dbConfig.clientUrl)
    })

    it("a draft's edit holds what it adds at once (or is refused, unchanged), joins it on confirm, and deleting the draft releases everything", async () => {
      const { resource, variant } = await bookable("Bike rental", 3)
      const draft = (await api.post("/admin/draft-orders", draftBody([{ variant_id: variant, quantity: 1, metadata: { booking_date: day(2) } }]), admin)).data.draft_order
      await api.post(`/admin/draft-orders/${draft.id}/edit`, {}, admin)

      const tooMany = await call(api.post(`/admin/draft-orders/${draft.id}/edit/items`, { items: [{ variant_id: variant, quantity: 3, metadata: { booking_date: day(2) } }] }, admin))
      expect([tooMany.status, tooMany.data.type]).toEqual([400, "not_allowed"])
      const preview = (await api.get(`/admin/orders/${draft.id}/preview`, admin)).data.order
      expect(preview.items.map((i: any) => i.quantity)).toEqual([1])

      const added = await call(api.post(`/admin/draft-orders/${draft.id}/edit/items`, { items: [{ variant_id: variant, quantity: 2, metadata: { booking_date: day(2) } }] }, admin))
      expect(added.status).toBe(200)
      expect(await available(resource.id, day(2))).toBe(0)
      await api.post(`/admin/draft-orders/${draft.id}/edit/confirm`, {}, admin)
      expect((await holdsOf(draft.id)).filter((h) => h.status === "active").map((h) => h.quantity).sort()).toEqual([1, 2])

      const deleted = await call(api.delete(`/admin/draft-orders/${draft.id}`, admin))
      expect(deleted.status).toBe(200)
      expect(await available(resource.id, day(2))).toBe(3)
      expect((await holdsOf(draft.id)).map((h) => h.status)).toEqual(["released", "released"])
      await expectInvariant(dbConfig.clientUrl)
    })

    it("a draft's edit: raising an existing line, changing and removing an added one, and canceling the edit each keep the books", async () => {
      const { resource, variant } = await bookable("Sauna", 6)
      const draft = (await api.post("/admin/draft-orders", draftBody([{ variant_id: variant, quantity: 1, metadata: { booking_date: day(5) } }]), admin)).data.draft_order
      const line = draft.items[0].id
      await api.post(`/admin/draft-orders/${draft.id}/edit`, {}, admin)

      // An existing line raised: the difference is held at once; past the capacity, refused.
      const tooHigh = await call(api.post(`/admin/draft-orders/${draft.id}/edit/items/item/${line}`, { quantity: 8 }, admin))
      expect([tooHigh.status, tooHigh.data.type]).toEqual([400, "not_allowed"])
      expect((await call(api.post(`/admin/draft-orders/${draft.id}/edit/items/item/${line}`, { quantity: 3 }, admin))).status).toBe(200)
      expect(await available(resource.id, day(5))).toBe(3)

      // An added line, its quantity changed, then the action removed.
      const added = await api.post(`/admin/draft-orders/${draft.id}/edit/items`, { items: [{ variant_id: variant, quantity: 1, metadata: { booking_date: day(6) } }] }, admin)
      const action = added.data.draft_order_preview.items
        .flatMap((i: any) => i.actions ?? [])
        .find((a: any) => a.action === "ITEM_ADD").id
      const raised = await call(api.post(`/admin/draft-orders/${draft.id}/edit/items/${action}`, { quantity: 4 }, admin))
      expect(raised.status).toBe(200)
      expect(await available(resource.id, day(6))).toBe(2)
      const over = await call(api.post(`/admin/draft-orders/${draft.id}/edit/items/${action}`, { quantity: 7 }, admin))
      expect([over.status, over.data.type]).toEqual([400, "not_allowed"])
      expect(await available(resource.id, day(6))).toBe(2)
      expect((await call(api.delete(`/admin/draft-orders/${draft.id}/edit/items/${action}`, admin))).status).toBe(200)
      expect(await available(resource.id, day(6))).toBe(6)

      // The edit canceled: the raise is given back, the draft's own hold stays.
      expect((await call(api.delete(`/admin/draft-orders/${draft.id}/edit`, admin))).status).toBe(200)
      expect(await available(resource.id, day(5))).toBe(5)
      expect((await holdsOf(draft.id)).filter((h) => h.status === "active")).toEqual([{ status: "active", quantity: 1, date: day(5) }])
      await expectInvariant(dbConfig.clientUrl)
    })
    it("a draft edit's confirm takes a lapsed hold again when its places are free, and is refused (the edit kept) when they were sold", async () => {
      const { resource, variant } = await bookable("Glacier walk", 4)
      const draft = (await api.post("/admin/draft-orders", draftBody([{ variant_id: variant, quantity: 1, metadata: { booking_date: day(2) } }]), admin)).data.draft_order
      const lapseEdit = (db: Awaited<ReturnType<typeof connect>>) =>
        db.query(`UPDATE booking_hold SET expires_at = now() - interval '1 hour' WHERE order_id = $1 AND status = 'active' AND order_change_id IS NOT NULL`, [draft.id])
      const db = await connect(dbConfig.clientUrl)
      try {
        // Added, lapsed, still free: the confirm takes it again.
        await api.post(`/admin/draft-orders/${draft.id}/edit`, {}, admin)
        await api.post(`/admin/draft-orders/${draft.id}/edit/items`, { items: [{ variant_id: variant, quantity: 2, metadata: { booking_date: day(2) } }] }, admin)
        await lapseEdit(db)
        expect((await call(api.post(`/admin/draft-orders/${draft.id}/edit/confirm`, {}, admin))).status).toBe(200)
        expect((await holdsOf(draft.id)).filter((h) => h.status === "active").map((h) => h.quantity).sort()).toEqual([1, 2])
        expect(await available(resource.id, day(2))).toBe(1)

        // Added, lapsed, sold to a shopper: the confirm is refused and the edit stays open.
        await api.post(`/admin/draft-orders/${draft.id}/edit`, {}, admin)
        await api.post(`/admin/draft-orders/${draft.id}/edit/items`, { items: [{ variant_id: variant, quantity: 1, metadata: { booking_date: day(2) } }] }, admin)
        expect(await available(resource.id, day(2))).toBe(0)
        await lapseEdit(db)
        const rival = await placedOrder(variant, 1, day(2))
        const refused = await call(api.post(`/admin/draft-orders/${draft.id}/edit/confirm`, {}, admin))
        expect([refused.status, refused.data.type, refused.data.message]).toEqual([
          400,
          "not_allowed",
          `Not enough capacity for resource "Glacier walk" (${resource.id}) on ${day(2)}: requested 1, available 0`,
        ])
        expect((await api.get(`/admin/draft-orders/${draft.id}?fields=items.quantity`, admin)).data.draft_order.items).toHaveLength(2)
        expect((await holdsOf(draft.id)).filter((h) => h.status === "active").map((h) => h.quantity).sort()).toEqual([1, 2])
        expect((await holdsOf(rival.id)).map((h) => h.status)).toEqual(["confirmed"])
        // The edit is still there to cancel.
        expect((await call(api.delete(`/admin/draft-orders/${draft.id}/edit`, admin))).status).toBe(200)
      } finally {
        await db.end()
      }
      await expectInvariant(dbConfig.clientUrl)
    })

    it("a draft line of a resource sold by the slot needs one of its slots, and its hold lives the resource's TTL", async () => {
      const booking = getContainer().resolve<any>(RESOURCE_BOOKING_MODULE)
      const resource = await booking.createResources({ title: "Fjord boat", handle: `fjord-boat-${Date.now()}`, slots: ["09:00", "13:00"], hold_ttl_minutes: 45 })
      await booking.setCapacity(resource.id, { from: day(1), to: day(7), max_capacity: 5 })
      const product = await createBookableProduct(getContainer(), store, { title: "Fjord boat", variants: [{ title: "Adult", price: 40, resource_id: resource.id }] })
      const line = (metadata: any) => ({ variant_id: product.variant_ids[0], quantity: 1, metadata })
      for (const [metadata, message] of [
        [{ booking_date: day(2) }, "booking_slot"],
        [{ booking_date: day(2), booking_slot: "10:00" }, "10:00"],
      ] as const) {
        const res = await call(api.post("/admin/draft-orders", draftBody([line(metadata)]), admin))
        expect([res.status, res.data.message]).toEqual([400, expect.stringContaining(message)])
      }
      expect(await draftCount()).toBe(0)
      const draft = (await api.post("/admin/draft-orders", draftBody([line({ booking_date: day(2), booking_slot: "13:00" })]), admin)).data.draft_order
      const { data } = await api.get(`${A}/holds?order_id=${draft.id}`, admin)
      expect(data.holds.map((h: any) => [h.slot, h.status])).toEqual([["13:00", "active"]])
      const lives = (new Date(data.holds[0].expires_at).getTime() - new Date(data.holds[0].created_at).getTime()) / 60_000
      expect(Math.round(lives)).toBe(45)
      await expectInvariant(dbConfig.clientUrl)
    })
  })

  describe("order edits", () => {
    it("an added line's quantity and removal, and a confirm whose edit hold lapsed: taken again when free, refused (the edit kept) when sold", async () => {
      const { resource, variant } = await bookable("Kayak school", 4)
      const order = await placedOrder(variant, 1, day(2))
      await api.post("/admin/order-edits", { order_id: order.id }, admin)
      const added = await api.post(`/admin/order-edits/${order.id}/items`, { items: [{ variant_id: variant, quantity: 1, metadata: { booking_date: day(3) } }] }, admin)
      const action = added.data.order_preview.items.flatMap((i: any) => i.actions ?? []).find((a: any) => a.action === "ITEM_ADD").id
      const over = await call(api.post(`/admin/order-edits/${order.id}/items/${action}`, { quantity: 5 }, admin))
      expect([over.status, over.data.type]).toEqual([400, "not_allowed"])
      expect((await call(api.post(`/admin/order-edits/${order.id}/items/${action}`, { quantity: 3 }, admin))).status).toBe(200)
      expect(await available(resource.id, day(3))).toBe(1)
      expect((await call(api.delete(`/admin/order-edits/${order.id}/items/${action}`, admin))).status).toBe(200)
      expect(await available(resource.id, day(3))).toBe(4)

      // A line added again; its hold lapses before the confirm, the place still free.
      await api.post(`/admin/order-edits/${order.id}/items`, { items: [{ variant_id: variant, quantity: 2, metadata: { booking_date: day(3) } }] }, admin)
      const db = await connect(dbConfig.clientUrl)
      try {
        await db.query(`UPDATE booking_hold SET expires_at = now() - interval '1 hour' WHERE order_id = $1 AND status = 'active'`, [order.id])
        await api.post(`/admin/order-edits/${order.id}/request`, {}, admin)
        expect((await call(api.post(`/admin/order-edits/${order.id}/confirm`, {}, admin))).status).toBe(200)
        expect((await holdsOf(order.id)).filter((h) => h.status === "confirmed").map((h) => [h.date, h.quantity]).sort()).toEqual(
          [[day(2), 1], [day(3), 2]].sort()
        )
        expect(await available(resource.id, day(3))).toBe(2)

        // The next edit's hold lapses and its places are sold: the confirm is refused.
        await api.post("/admin/order-edits", { order_id: order.id }, admin)
        await api.post(`/admin/order-edits/${order.id}/items`, { items: [{ variant_id: variant, quantity: 2, metadata: { booking_date: day(4) } }] }, admin)
        await db.query(`UPDATE booking_hold SET expires_at = now() - interval '1 hour' WHERE order_id = $1 AND status = 'active'`, [order.id])
        await getContainer().resolve<any>(RESOURCE_BOOKING_MODULE).setCapacity(resource.id, { from: day(4), to: day(4), max_capacity: 3 })
        const rival = await placedOrder(variant, 3, day(4))
        await api.post(`/admin/order-edits/${order.id}/request`, {}, admin)
        const refused = await call(api.post(`/admin/order-edits/${order.id}/confirm`, {}, admin))
        expect([refused.status, refused.data.type, refused.data.message]).toEqual([
          400,
          "not_allowed",
          `Not enough capacity for resource "Kayak school" (${resource.id}) on ${day(4)}: requested 2, available 0`,
        ])
        const { data } = await api.get(`/admin/orders/${order.id}/changes`, admin)
        expect(data.order_changes.filter((c: any) => c.status === "requested")).toHaveLength(1)
        expect((await api.get(`/admin/orders/${order.id}?fields=items.quantity`, admin)).data.order.items).toHaveLength(2)
        expect((await holdsOf(rival.id)).map((h) => h.status)).toEqual(["confirmed"])
      } finally {
        await db.end()
      }
      await expectInvariant(dbConfig.clientUrl)
    })

    it("removing a booked line gives its places back when the edit is confirmed", async () => {
      const { resource, variant } = await bookable("Canal tour", 4)
      const order = await placedOrder(variant, 2, day(2))
      expect(await available(resource.id, day(2))).toBe(2)
      await api.post("/admin/order-edits", { order_id: order.id }, admin)
      await api.post(`/admin/order-edits/${order.id}/items/item/${order.items[0].id}`, { quantity: 0 }, admin)
      expect(await available(resource.id, day(2))).toBe(2) // not before the confirm
      await api.post(`/admin/order-edits/${order.id}/request`, {}, admin)
      const confirmed = await call(api.post(`/admin/order-edits/${order.id}/confirm`, {}, admin))
      expect(confirmed.status).toBe(200)
      expect(await available(resource.id, day(2))).toBe(4)
      expect(await holdsOf(order.id)).toEqual([{ status: "canceled", quantity: 2, date: day(2) }])
      expect((await audit()).uncovered).toEqual([])
      expect((await audit()).orphaned).toEqual([])
      await expectInvariant(dbConfig.clientUrl)
    })

    it("adding a line takes capacity at once (refused, the edit unchanged, when there is none); lowering splits the booking on confirm; a canceled edit releases what it held", async () => {
      const { resource, variant } = await bookable("Sea-view room", 1)
      const tour = await bookable("Fjord boat", 5)
      const order = await placedOrder(tour.variant, 3, day(2))
      await api.post("/admin/order-edits", { order_id: order.id }, admin)

      const room = await call(api.post(`/admin/order-edits/${order.id}/items`, { items: [{ variant_id: variant, quantity: 2, metadata: { booking_date: day(2) } }] }, admin))
      expect([room.status, room.data.type, room.data.message]).toEqual([
        400,
        "not_allowed",
        `Not enough capacity for resource "Sea-view room" (${resource.id}) on ${day(2)}: requested 2, available 1`,
      ])
      expect((await api.get(`/admin/orders/${order.id}/preview`, admin)).data.order.items).toHaveLength(1)
      expect(await available(resource.id, day(2))).toBe(1)

      // Lower the tour 3 → 1 and add the room for one night.
      await api.post(`/admin/order-edits/${order.id}/items/item/${order.items[0].id}`, { quantity: 1 }, admin)
      const ok = await call(api.post(`/admin/order-edits/${order.id}/items`, { items: [{ variant_id: variant, quantity: 1, metadata: { booking_date: day(2) } }] }, admin))
      expect(ok.status).toBe(200)
      expect(await available(resource.id, day(2))).toBe(0)
      expect(await available(tour.resource.id, day(2))).toBe(2)
      await api.post(`/admin/order-edits/${order.id}/request`, {}, admin)
      expect((await call(api.post(`/admin/order-edits/${order.id}/confirm`, {}, admin))).status).toBe(200)
      expect(await available(tour.resource.id, day(2))).toBe(4)
      expect(await available(resource.id, day(2))).toBe(0)
      expect((await holdsOf(order.id)).map((h) => [h.status, h.quantity]).sort()).toEqual(
        [["canceled", 2], ["confirmed", 1], ["confirmed", 1]].sort()
      )

      // Raise again in a new edit, then cancel the edit: what it held comes back.
      await api.post("/admin/order-edits", { order_id: order.id }, admin)
      await api.post(`/admin/order-edits/${order.id}/items/item/${order.items[0].id}`, { quantity: 4 }, admin)
      expect(await available(tour.resource.id, day(2))).toBe(1)
      expect((await call(api.delete(`/admin/order-edits/${order.id}`, admin))).status).toBe(200)
      expect(await available(tour.resource.id, day(2))).toBe(4)
      const report = await audit()
      expect([report.uncovered, report.orphaned]).toEqual([[], []])
      await expectInvariant(dbConfig.clientUrl)
    })

    it("an edit whose line became invalid meanwhile (its resource deactivated) is still canceled, giving back what it held; confirming it is refused naming the line", async () => {
      const { resource, variant } = await bookable("Paused boat", 5)
      const order = await placedOrder(variant, 2, day(2))
      await api.post("/admin/order-edits", { order_id: order.id }, admin)
      expect((await call(api.post(`/admin/order-edits/${order.id}/items/item/${order.items[0].id}`, { quantity: 3 }, admin))).status).toBe(200)
      expect(await available(resource.id, day(2))).toBe(2)
      await api.post(`${A}/resources/${resource.id}`, { is_active: false }, admin)

      await api.post(`/admin/order-edits/${order.id}/request`, {}, admin)
      const confirm = await call(api.post(`/admin/order-edits/${order.id}/confirm`, {}, admin))
      expect([confirm.status, confirm.data.message]).toEqual([400, expect.stringMatching(/books resource .*, which is not active: it cannot be booked/)])
      const canceled = await call(api.delete(`/admin/order-edits/${order.id}`, admin))
      expect([canceled.status, canceled.data.message]).toEqual([200, undefined])
      expect(await available(resource.id, day(2))).toBe(3)
      expect((await holdsOf(order.id)).map((h) => [h.status, h.quantity])).toEqual([["confirmed", 2], ["released", 1]])
      await expectInvariant(dbConfig.clientUrl)
    })

    it("two edits adding the last place at once: exactly one wins", async () => {
      const { resource, variant } = await bookable("Last seat", 3)
      const orders = [await placedOrder(variant, 1, day(2)), await placedOrder(variant, 1, day(2))]
      expect(await available(resource.id, day(2))).toBe(1)
      for (const o of orders) await api.post("/admin/order-edits", { order_id: o.id }, admin)
      const results = await Promise.all(
        orders.map((o) => call(api.post(`/admin/order-edits/${o.id}/items/item/${o.items[0].id}`, { quantity: 2 }, admin)))
      )
      expect(results.map((r) => r.status).sort()).toEqual([200, 400])
      expect(await available(resource.id, day(2))).toBe(0)
      await expectInvariant(dbConfig.clientUrl)
    })

    it("a draft's conversion racing a checkout for the last place: exactly one wins", async () => {
      const { resource, variant } = await bookable("Last table", 2)
      const draft = (await api.post("/admin/draft-orders", draftBody([{ variant_id: variant, quantity: 1, metadata: { booking_date: day(4) } }]), admin)).data.draft_order
      const db = await connect(dbConfig.clientUrl)
      try {
        await expireInDb(db, (await api.get(`${A}/holds?order_id=${draft.id}`, admin)).data.holds.map((h: any) => h.id))
        const cart = await createStoreCart(api, pk, store)
        await addLineItem(api, pk, cart.id, { variant_id: variant, quantity: 1, metadata: { booking_date: day(4) } })
        await db.query(`UPDATE booking_hold SET expires_at = now() - interval '1 hour' WHERE cart_id = $1`, [cart.id])
        const booking = getContainer().resolve<any>(RESOURCE_BOOKING_MODULE)
        await booking.setCapacity(resource.id, { from: day(4), to: day(4), max_capacity: 1 })
        const [converted, checkout] = await Promise.all([
          call(api.post(`/admin/draft-orders/${draft.id}/convert-to-order`, {}, admin)),
          checkoutCart(api, pk, cart.id, store),
        ])
        expect([converted.status, checkout.status].sort()).toEqual([200, 400])
        expect(await available(resource.id, day(4))).toBe(0)
      } finally {
        await db.end()
      }
      await expectInvariant(dbConfig.clientUrl)
    })
  })

  describe("the books audit", () => {
    it("is empty on a balanced store and finds what was changed behind the plugin's back", async () => {
      const { resource, variant } = await bookable("Audited tour", 5)
      const order = await placedOrder(variant, 2, day(2))
      const balanced = await audit()
      expect(balanced).toMatchObject({ available: true, uncovered: [], orphaned: [] })

      const db = await connect(dbConfig.clientUrl)
      try {
        // Behind the plugin's back: the booking canceled without its order, and a
        // confirmed hold that no order line asked for.
        await db.query(`UPDATE booking_hold SET status = 'canceled', canceled_at = now() WHERE order_id = $1`, [order.id])
        await db.query(`UPDATE booking_capacity SET available_capacity = available_capacity + 2 WHERE resource_id = $1 AND date = $2`, [resource.id, day(2)])
        const stray = await getContainer().resolve<any>(RESOURCE_BOOKING_MODULE).placeHolds([{ resource_id: resource.id, date: day(3), quantity: 1 }])
        await getContainer().resolve<any>(RESOURCE_BOOKING_MODULE).confirmHolds([stray[0].id], { order_id: "order_gone" })
      } finally {
        await db.end()
      }
      const report = await audit()
      expect(report.uncovered).toEqual([
        expect.objectContaining({ order_id: order.id, resource_id: resource.id, date: day(2), ordered: 2, booked: 0, reason: "no confirmed booking covers it" }),
      ])
      expect(report.orphaned).toEqual([
        expect.objectContaining({ order_id: "order_gone", resource_id: resource.id, date: day(3), ordered: 0, booked: 1, reason: "its order does not exist" }),
      ])

      // Health counts them once they are older than the grace window, and is degraded.
      const fresh = (await api.get(`${A}/health`, admin)).data
      expect(fresh.audit).toEqual({ uncovered_lines: 0, orphaned_holds: 0 })
      const aged = await connect(dbConfig.clientUrl)
      try {
        await aged.query(`UPDATE booking_hold SET updated_at = now() - interval '10 minutes'`)
        await aged.query(`UPDATE "order" SET updated_at = now() - interval '10 minutes' WHERE id = $1`, [order.id])
      } finally {
        await aged.end()
      }
      const health = (await api.get(`${A}/health`, admin)).data
      expect(health.audit).toEqual({ uncovered_lines: 1, orphaned_holds: 1 })
      expect(health.status).toBe("degraded")
      expect(health.warnings).toEqual(
        expect.arrayContaining([
          "1 booking(s) of live orders are not covered by confirmed holds; see GET /admin/resource-booking/audit.",
          "1 confirmed booking(s) cover no live order line; see GET /admin/resource-booking/audit.",
        ])
      )
    })
  })
}
