import type { MedusaSuiteOptions } from "@medusajs/test-utils"
import { createProductsWorkflow } from "@medusajs/medusa/core-flows"
import type { MedusaContainer } from "@medusajs/framework/types"
import { connect, day } from "../../helpers/db"
import { adminHeaders, call, storeHeaders } from "../../helpers/http"

const A = "/admin/resource-booking"

/** A product with one variant per title, through Medusa's own workflow; variant ids by title. */
async function product(container: MedusaContainer, title: string, variants: string[]) {
  const { result } = await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title,
          options: [{ title: "Ticket", values: variants }],
          variants: variants.map((v) => ({ title: v, options: { Ticket: v }, manage_inventory: false, prices: [] })),
        },
      ],
    },
  })
  return Object.fromEntries(result[0].variants.map((v: any) => [v.title, v.id])) as Record<string, string>
}

export default function variantLinks({ api, getContainer, dbConfig }: MedusaSuiteOptions) {
  let admin: { headers: Record<string, string> }
  beforeEach(async () => {
    admin = await adminHeaders(api, getContainer())
  })

  const resource = async (title: string) => (await api.post(`${A}/resources`, { title }, admin)).data.resource
  const link = (id: string, body: unknown) => call(api.post(`${A}/resources/${id}/variants`, body, admin))
  const variantIds = async (id: string) => (await api.get(`${A}/resources/${id}`, admin)).data.resource.variant_ids

  /** Every link row (Medusa names the table after both modules and aliases), to show that a refused request changed nothing. */
  async function linkRows() {
    const db = await connect(dbConfig.clientUrl)
    try {
      const { rows } = await db.query(
        `SELECT product_variant_id, resource_id FROM product_product_variant_resource_booking_resource
         WHERE deleted_at IS NULL ORDER BY 1`
      )
      return rows
    } finally {
      await db.end()
    }
  }

  it("links and unlinks variants; resources show their variant_ids", async () => {
    const tour = await resource("Harbour kayak tour")
    const room = await resource("Sea-view room")
    expect(tour.variant_ids).toEqual([])
    const v = await product(getContainer(), "Kayak tour", ["Adult", "Child"])

    const linked = await link(tour.id, { add: [v.Adult, v.Child] })
    expect(linked.status).toBe(200)
    expect(linked.data.resource).toMatchObject({ id: tour.id, title: "Harbour kayak tour" })
    expect(linked.data.resource.variant_ids).toEqual([v.Adult, v.Child].sort())
    expect(await linkRows()).toEqual(
      [v.Adult, v.Child].sort().map((id) => ({ product_variant_id: id, resource_id: tour.id }))
    )

    const list = await api.get(`${A}/resources?order=title`, admin)
    expect(list.data.resources.map((r: any) => [r.title, r.variant_ids])).toEqual([
      ["Harbour kayak tour", [v.Adult, v.Child].sort()],
      ["Sea-view room", []],
    ])
    const updated = await api.post(`${A}/resources/${tour.id}`, { description: "Two hours" }, admin)
    expect(updated.data.resource.variant_ids).toEqual([v.Adult, v.Child].sort())

    // Remove and add in one batch: the child ticket moves to the room.
    const unlinked = await link(tour.id, { remove: [v.Child] })
    expect(unlinked.data.resource.variant_ids).toEqual([v.Adult])
    const moved = await link(room.id, { add: [v.Child] })
    expect(moved.data.resource.variant_ids).toEqual([v.Child])
    const both = await link(tour.id, { remove: [v.Adult], add: [] })
    expect(both.data.resource.variant_ids).toEqual([])
    expect(await linkRows()).toEqual([{ product_variant_id: v.Child, resource_id: room.id }])
  })

  it("adding a linked variant again and removing an unlinked one are no-ops", async () => {
    const tour = await resource("Tour")
    const other = await resource("Other")
    const v = await product(getContainer(), "Tour", ["Adult", "Child"])
    await link(tour.id, { add: [v.Adult] })
    await link(other.id, { add: [v.Child] })

    const again = await link(tour.id, { add: [v.Adult, v.Adult] })
    expect(again.status).toBe(200)
    expect(again.data.resource.variant_ids).toEqual([v.Adult])
    // Child books the other resource: removing it from this one leaves it there.
    const notHere = await link(tour.id, { remove: [v.Child, "variant_never_existed"] })
    expect(notHere.status).toBe(200)
    expect(notHere.data.resource.variant_ids).toEqual([v.Adult])
    expect(await variantIds(other.id)).toEqual([v.Child])
  })

  it("refuses unknown resources and variants with 404, and a variant of another resource with 400, changing nothing", async () => {
    const tour = await resource("Harbour kayak tour")
    const room = await resource("Sea-view room")
    const v = await product(getContainer(), "Kayak tour", ["Adult", "Child", "Family"])
    await link(tour.id, { add: [v.Adult, v.Family] })
    const before = await linkRows()

    const noResource = await link("res_missing", { add: [v.Child] })
    expect(noResource.status).toBe(404)
    expect(noResource.data.message).toMatch(/res_missing/)

    const noVariant = await link(room.id, { add: [v.Child, "variant_missing"] })
    expect(noVariant.status).toBe(404)
    expect(noVariant.data.message).toBe("Product variant variant_missing was not found")

    const taken = await link(room.id, { add: [v.Child, v.Adult] })
    expect(taken.status).toBe(400)
    expect(taken.data.type).toBe("invalid_data")
    expect(taken.data.message).toBe(
      `A variant books at most one resource: variant ${v.Adult} already books resource "Harbour kayak tour" (${tour.id}). Remove it from that resource first`
    )
    // The refused batch's removal did not happen either.
    const mixed = await link(tour.id, { remove: [v.Family], add: ["variant_missing"] })
    expect(mixed.status).toBe(404)

    expect(await linkRows()).toEqual(before)
    expect(await variantIds(room.id)).toEqual([])
  })

  it("refuses malformed bodies with 400 naming the problem", async () => {
    const tour = await resource("Tour")
    const bad: [unknown, RegExp][] = [
      [{}, /at least one variant id in 'add' or 'remove'/],
      [{ add: [], remove: [] }, /at least one variant id/],
      [{ add: "variant_1" }, /Expected type: 'array' for field 'add'/],
      [{ add: [1] }, /Field 'add' must list variant ids \(non-empty strings/],
      [{ remove: [""] }, /Field 'remove' must list variant ids/],
      [{ add: [null] }, /Field 'add' must list variant ids/],
      [{ add: Array.from({ length: 101 }, (_, i) => `variant_${i}`) }, /Value for field 'add' too big, expected at most: '100'/],
      [{ add: ["variant_1"], remove: ["variant_1"] }, /cannot be in both 'add' and 'remove'/],
      [{ add: ["variant_1"], variant_ids: [] }, /Unrecognized fields: 'variant_ids'/],
    ]
    for (const [body, message] of bad) {
      const res = await link(tour.id, body)
      expect([body, res.status]).toEqual([body, 400])
      expect([body, res.data.message]).toEqual([body, expect.stringMatching(message)])
    }
    expect(await linkRows()).toEqual([])
  })

  it("gives a variant to one resource when two batches race for it", async () => {
    const a = await resource("A")
    const b = await resource("B")
    const v = await product(getContainer(), "Contested", ["Seat"])
    const results = await Promise.all([link(a.id, { add: [v.Seat] }), link(b.id, { add: [v.Seat] })])
    expect(results.map((r) => r.status).sort()).toEqual([200, 400])
    const [won, lost] = results[0].status === 200 ? [a, b] : [b, a]
    expect(results.find((r) => r.status === 400)!.data.message).toContain(
      `variant ${v.Seat} already books resource "${won.title}" (${won.id})`
    )
    expect(await variantIds(lost.id)).toEqual([])
    expect(await linkRows()).toHaveLength(1)
  })

  it("a variant's availability is its linked resource's, while that resource is active", async () => {
    const tour = await resource("Tour")
    await api.post(`${A}/resources/${tour.id}/capacity`, { from: day(1), to: day(1), max_capacity: 4 }, admin)
    const v = await product(getContainer(), "Tour", ["Adult", "Child"])
    await link(tour.id, { add: [v.Adult] })
    const store = await storeHeaders(getContainer())
    const availability = (id: string) =>
      call(api.get(`/store/resource-booking/variants/${id}/availability?from=${day(1)}&to=${day(1)}`, store))

    const linked = await availability(v.Adult)
    expect(linked.data).toMatchObject({
      resource_id: tour.id,
      availability: [{ date: day(1), slot: "", max_capacity: 4, available_capacity: 4 }],
    })
    const unlinked = await availability(v.Child)
    expect([unlinked.status, unlinked.data.message]).toEqual([404, `Variant with id "${v.Child}" books no active resource`])
    await api.post(`${A}/resources/${tour.id}`, { is_active: false }, admin)
    const inactive = await availability(v.Adult)
    expect([inactive.status, inactive.data.message]).toEqual([404, `Variant with id "${v.Adult}" books no active resource`])
    const missing = await availability("variant_missing")
    expect([missing.status, missing.data.message]).toEqual([404, `Variant with id "variant_missing" was not found`])
  })

  it("answers 401 without admin auth", async () => {
    const res = await call(api.post(`${A}/resources/res_x/variants`, { add: ["variant_x"] }))
    expect(res.status).toBe(401)
  })

  it("filters holds by order_id", async () => {
    const tour = await resource("Tour")
    await api.post(`${A}/resources/${tour.id}/capacity`, { from: day(1), to: day(2), max_capacity: 5 }, admin)
    const { RESOURCE_BOOKING_MODULE } = await import("../../../src/modules/resource_booking")
    const booking = getContainer().resolve<any>(RESOURCE_BOOKING_MODULE)
    const [h1, h2, h3] = await booking.placeHolds([
      { resource_id: tour.id, date: day(1), quantity: 1 },
      { resource_id: tour.id, date: day(2), quantity: 2 },
      { resource_id: tour.id, date: day(2), quantity: 1 },
    ])
    await booking.confirmHolds([h1.id, h2.id], { order_id: "order_a" })
    await booking.confirmHolds([h3.id], { order_id: "order_b" })

    const a = await api.get(`${A}/holds?order_id=order_a`, admin)
    expect(a.data.count).toBe(2)
    expect(a.data.holds.map((h: any) => h.id).sort()).toEqual([h1.id, h2.id].sort())
    expect(a.data.holds.every((h: any) => h.order_id === "order_a" && h.status === "confirmed")).toBe(true)
    expect((await api.get(`${A}/holds?order_id=order_none`, admin)).data.count).toBe(0)
    const empty = await call(api.get(`${A}/holds?order_id=`, admin))
    expect(empty.status).toBe(400)
    expect(empty.data.message).toMatch(/Value for field 'order_id' too small/)
  })
}
