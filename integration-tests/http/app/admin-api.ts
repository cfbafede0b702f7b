import type { MedusaSuiteOptions } from "@medusajs/test-utils"
import { day, expectInvariant } from "../../helpers/db"
import { adminHeaders, call, createCart, sellResources, storeHeaders } from "../../helpers/http"

const A = "/admin/resource-booking"

export default function adminApi({ api, getContainer, dbConfig }: MedusaSuiteOptions) {
  let admin: { headers: Record<string, string> }
  beforeEach(async () => {
    admin = await adminHeaders(api, getContainer())
  })

  async function resource(title = "Harbour tour", max = 10) {
    const { data } = await api.post(`${A}/resources`, { title }, admin)
    await api.post(`${A}/resources/${data.resource.id}/capacity`, { from: day(1), to: day(3), max_capacity: max }, admin)
    return data.resource
  }

  it("every admin route answers 401 without admin auth", async () => {
    const routes: [string, string][] = [
      ["get", `${A}/health`],
      ["post", `${A}/cleanup`],
      ["get", `${A}/resources`],
      ["post", `${A}/resources`],
      ["get", `${A}/resources/res_x`],
      ["post", `${A}/resources/res_x`],
      ["delete", `${A}/resources/res_x`],
      ["get", `${A}/resources/res_x/capacity?from=${day(1)}&to=${day(2)}`],
      ["post", `${A}/resources/res_x/capacity`],
      ["get", `${A}/holds`],
      ["post", `${A}/holds/hold_x/release`],
    ]
    for (const [method, url] of routes) {
      const res = await call(method === "get" || method === "delete" ? api[method](url) : api[method](url, {}))
      expect([method, url, res.status]).toEqual([method, url, 401])
    }
  })

  it("creates, lists (q, limit, offset, order), retrieves and updates resources", async () => {
    const created = await api.post(`${A}/resources`, { title: "Sea-view Room", hold_ttl_minutes: 20 }, admin)
    expect(created.data.resource).toMatchObject({
      id: expect.stringMatching(/^res_/),
      title: "Sea-view Room",
      handle: "sea-view-room",
      is_active: true,
      hold_ttl_minutes: 20,
    })
    await api.post(`${A}/resources`, { title: "Kayak", handle: "kayak-1" }, admin)
    await api.post(`${A}/resources`, { title: "Bike" }, admin)

    const all = await api.get(`${A}/resources?order=title`, admin)
    expect(all.data).toMatchObject({ count: 3, offset: 0, limit: 20 })
    expect(all.data.resources.map((r: any) => r.title)).toEqual(["Bike", "Kayak", "Sea-view Room"])
    const page = await api.get(`${A}/resources?order=-title&limit=1&offset=1`, admin)
    expect(page.data).toMatchObject({ count: 3, offset: 1, limit: 1 })
    expect(page.data.resources.map((r: any) => r.title)).toEqual(["Kayak"])
    const q = await api.get(`${A}/resources?q=kay`, admin)
    expect(q.data.resources.map((r: any) => r.title)).toEqual(["Kayak"])

    const id = created.data.resource.id
    expect((await api.get(`${A}/resources/${id}`, admin)).data.resource.title).toBe("Sea-view Room")
    const updated = await api.post(`${A}/resources/${id}`, { is_active: false, description: "Balcony" }, admin)
    expect(updated.data.resource).toMatchObject({ is_active: false, description: "Balcony", title: "Sea-view Room" })
    const inactive = await api.get(`${A}/resources?is_active=false`, admin)
    expect(inactive.data.resources.map((r: any) => r.id)).toEqual([id])
  })

  it("refuses bad resource input with 400 naming the field, and unknown ids with 404", async () => {
    const bad: [any, RegExp][] = [
      [{}, /Field 'title' is required/],
      [{ title: "" }, /Value for field 'title' too small/],
      [{ title: "A", handle: "Not A Handle" }, /Field 'handle' must be lowercase/],
      [{ title: "A", hold_ttl_minutes: 0 }, /field 'hold_ttl_minutes' too small/],
      [{ title: "A", is_active: "yes" }, /is_active/],
      [{ title: "A", color: "red" }, /Unrecognized fields: 'color'/],
    ]
    for (const [body, message] of bad) {
      const res = await call(api.post(`${A}/resources`, body, admin))
      expect([res.status, res.data.type]).toEqual([400, "invalid_data"])
      expect(res.data.message).toMatch(message)
    }
    expect((await api.get(`${A}/resources`, admin)).data.count).toBe(0)
    const missing = await call(api.get(`${A}/resources/res_missing`, admin))
    expect(missing.status).toBe(404)
    expect((await call(api.post(`${A}/resources/res_missing`, { title: "B" }, admin))).status).toBe(404)
    expect((await call(api.delete(`${A}/resources/res_missing`, admin))).status).toBe(404)
    const badQuery = await call(api.get(`${A}/resources?limit=0`, admin))
    expect(badQuery.status).toBe(400)
    expect(badQuery.data.message).toMatch(/limit/)
  })

  it("reads resources with Medusa's fields and order, and makes handles as Medusa does", async () => {
    const cafe = (await api.post(`${A}/resources`, { title: "Café Øresund: tours & bikes!" }, admin)).data.resource
    expect(cafe.handle).toBe("café-øresund-tours-bikes")
    await api.post(`${A}/resources`, { title: "Kayak", handle: "kayak-2" }, admin)
    await api.post(`${A}/resources`, { title: "Bike" }, admin)

    // Newest first by default; order names a field, "-" for descending.
    const titles = async (qs: string) => (await api.get(`${A}/resources?${qs}`, admin)).data.resources.map((r: any) => r.title)
    expect(await titles("")).toEqual(["Bike", "Kayak", cafe.title])
    expect(await titles("order=created_at")).toEqual([cafe.title, "Kayak", "Bike"])
    expect(await titles("order=-handle")).toEqual(["Kayak", cafe.title, "Bike"])

    // fields replaces the defaults, +field adds one, -field drops one; variant_ids always comes along.
    const only = await api.get(`${A}/resources?fields=title&order=title`, admin)
    expect(only.data.resources[0]).toEqual({ id: expect.stringMatching(/^res_/), title: "Bike", variant_ids: [] })
    const one = await api.get(`${A}/resources/${cafe.id}?fields=handle,is_active`, admin)
    expect(one.data.resource).toEqual({ id: cafe.id, handle: cafe.handle, is_active: true, variant_ids: [] })
    const fewer = await api.get(`${A}/resources/${cafe.id}?fields=-description,-metadata`, admin)
    expect(Object.keys(fewer.data.resource).sort()).toEqual(
      ["booking_horizon_days", "created_at", "cutoff_minutes", "handle", "hold_ttl_minutes", "id", "is_active", "max_hold_minutes", "max_nights", "min_nights", "slots", "time_zone", "title", "updated_at", "variant_ids"]
    )
    const updated = await api.post(`${A}/resources/${cafe.id}?fields=title`, { title: "Café" }, admin)
    expect(updated.data.resource).toEqual({ id: cafe.id, title: "Café", variant_ids: [] })

    const bad: [string, RegExp][] = [
      ["fields=title,password", /Field 'fields' may only name id, title/],
      ["fields=*holds", /Field 'fields' may only name/],
      ["fields=product_variants.sku", /Field 'fields' may only name/],
      ["order=description", /Expected: 'title, -title, handle, -handle, created_at, -created_at' for field 'order'/],
      ["order=title,-handle", /for field 'order'/],
      ["limit=2.5", /Expected type: 'int' for field 'limit'/],
      ["limit=201", /field 'limit'/i],
      ["title=Bike", /Unrecognized fields: 'title'/],
    ]
    for (const [qs, message] of bad) {
      const res = await call(api.get(`${A}/resources?${qs}`, admin))
      expect([qs, res.status, res.data.message]).toEqual([qs, 400, expect.stringMatching(message)])
    }
    const badOne = await call(api.get(`${A}/resources/${cafe.id}?fields=secret`, admin))
    expect([badOne.status, badOne.data.message]).toEqual([400, expect.stringMatching(/Field 'fields' may only name/)])

    // A handle is what toHandle makes of itself: lowercase letters of any script, digits, single dashes.
    for (const handle of ["Kayak", "a--b", "-a", "tours & bikes", ""]) {
      const res = await call(api.post(`${A}/resources`, { title: "X", handle }, admin))
      expect([handle, res.status, res.data.message]).toEqual([handle, 400, expect.stringMatching(/Field 'handle'/)])
    }
    expect((await api.post(`${A}/resources`, { title: "X", handle: "øresund-2" }, admin)).data.resource.handle).toBe("øresund-2")
  })

  it("sets and reads capacity for a date range; refuses bad ranges and going below what holds use", async () => {
    const r = await resource("Tour", 5)
    const read = await api.get(`${A}/resources/${r.id}/capacity?from=${day(0)}&to=${day(4)}`, admin)
    expect(read.data.capacity).toEqual([1, 2, 3].map((i) => ({ date: day(i), slot: "", max_capacity: 5, available_capacity: 5, is_exception: true })))

    const bad: [any, RegExp][] = [
      [{ from: day(3), to: day(1), max_capacity: 2 }, /Field 'from' must not be after field 'to'/],
      [{ from: "2026-02-30", to: day(1), max_capacity: 2 }, /Field 'from' must be a calendar day/],
      [{ from: day(1), to: day(1), max_capacity: -1 }, /max_capacity/],
      [{ from: day(1), to: day(400), max_capacity: 1 }, /at most 366 days/],
      [{ from: day(1), to: day(1) }, /Field 'max_capacity' is required/],
    ]
    for (const [body, message] of bad) {
      const res = await call(api.post(`${A}/resources/${r.id}/capacity`, body, admin))
      expect(res.status).toBe(400)
      expect(res.data.message).toMatch(message)
    }
    expect((await call(api.post(`${A}/resources/res_missing/capacity`, { from: day(1), to: day(1), max_capacity: 1 }, admin))).status).toBe(404)

    const container = getContainer()
    const store = await storeHeaders(container)
    await sellResources(container, store, [r.id])
    const cart = await createCart(container, store)
    await api.post(`/store/resource-booking/holds`, { cart_id: cart.id, resource_id: r.id, date: day(2), quantity: 4 }, store)
    const refused = await call(api.post(`${A}/resources/${r.id}/capacity`, { from: day(1), to: day(3), max_capacity: 3 }, admin))
    expect(refused.status).toBe(400)
    expect(refused.data).toMatchObject({ type: "not_allowed" })
    expect(refused.data.message).toMatch(new RegExp(`to 3: active and confirmed holds already use more on ${day(2)} \\(4 held\\)`))
    const after = await api.get(`${A}/resources/${r.id}/capacity?from=${day(1)}&to=${day(3)}`, admin)
    expect(after.data.capacity.map((c: any) => c.max_capacity)).toEqual([5, 5, 5])
  })

  it("lists holds with filters and paging, releases one, and refuses to release a confirmed one", async () => {
    const r = await resource("Tour", 10)
    const container = getContainer()
    const store = await storeHeaders(container)
    await sellResources(container, store, [r.id])
    const cartA = await createCart(container, store)
    const cartB = await createCart(container, store)
    const h1 = (await api.post(`/store/resource-booking/holds`, { cart_id: cartA.id, resource_id: r.id, date: day(1), quantity: 2 }, store)).data.hold
    const h2 = (await api.post(`/store/resource-booking/holds`, { cart_id: cartB.id, resource_id: r.id, date: day(2), quantity: 1 }, store)).data.hold
    const h3 = (await api.post(`/store/resource-booking/holds`, { cart_id: cartB.id, resource_id: r.id, date: day(3), quantity: 1 }, store)).data.hold

    const all = await api.get(`${A}/holds`, admin)
    expect(all.data).toMatchObject({ count: 3, offset: 0, limit: 20 })
    expect(all.data.holds[0].resource).toEqual({ id: r.id, title: "Tour" })
    expect((await api.get(`${A}/holds?cart_id=${cartB.id}`, admin)).data.count).toBe(2)
    expect((await api.get(`${A}/holds?date=${day(1)}`, admin)).data.holds.map((h: any) => h.id)).toEqual([h1.id])
    expect((await api.get(`${A}/holds?from=${day(2)}&to=${day(3)}`, admin)).data.count).toBe(2)
    const paged = await api.get(`${A}/holds?limit=1&offset=1`, admin)
    expect(paged.data).toMatchObject({ count: 3, limit: 1, offset: 1 })
    expect(paged.data.holds).toHaveLength(1)
    // Newest first by default; order and fields as Medusa takes them.
    expect(all.data.holds.map((h: any) => h.id)).toEqual([h3.id, h2.id, h1.id])
    // A relation comes with its key, as from Medusa's own routes.
    const byDate = await api.get(`${A}/holds?order=-date&fields=id,date,resource.title`, admin)
    expect(byDate.data.holds).toEqual(
      [h3, h2, h1].map((h) => ({ id: h.id, date: h.date, resource_id: r.id, resource: { id: r.id, title: "Tour" } }))
    )
    expect((await api.get(`${A}/holds?order=date&limit=1`, admin)).data.holds.map((h: any) => h.id)).toEqual([h1.id])
    for (const qs of ["order=quantity", "fields=resource.metadata", "fields=*resource"]) {
      const res = await call(api.get(`${A}/holds?${qs}`, admin))
      expect([qs, res.status, res.data.message]).toEqual([qs, 400, expect.stringMatching(/field 'order'|Field 'fields'/)])
    }
    expect((await call(api.get(`${A}/holds?status=pending`, admin))).status).toBe(400)
    expect((await call(api.get(`${A}/holds?from=${day(3)}&to=${day(1)}`, admin))).status).toBe(400)

    const released = await api.post(`${A}/holds/${h2.id}/release`, {}, admin)
    expect(released.data.hold).toMatchObject({ id: h2.id, status: "released" })
    // Repeating it is a no-op.
    expect((await api.post(`${A}/holds/${h2.id}/release`, {}, admin)).data.hold.status).toBe("released")
    expect((await api.get(`${A}/holds?status=released`, admin)).data.holds.map((h: any) => h.id)).toEqual([h2.id])

    const { RESOURCE_BOOKING_MODULE } = await import("../../../src/modules/resource_booking")
    await container.resolve<any>(RESOURCE_BOOKING_MODULE).confirmHolds([h3.id], { order_id: "order_1" })
    const refused = await call(api.post(`${A}/holds/${h3.id}/release`, {}, admin))
    expect(refused.status).toBe(400)
    expect(refused.data.message).toBe(`Hold ${h3.id} is confirmed; only active holds can be released`)
    expect((await call(api.post(`${A}/holds/hold_missing/release`, {}, admin))).status).toBe(404)

    await expectInvariant(dbConfig.clientUrl)
  })

  it("deletes a resource only when it has no active or confirmed holds", async () => {
    const r = await resource("Tour", 10)
    const container = getContainer()
    const store = await storeHeaders(container)
    await sellResources(container, store, [r.id])
    const cart = await createCart(container, store)
    const { hold } = (await api.post(`/store/resource-booking/holds`, { cart_id: cart.id, resource_id: r.id, date: day(1), quantity: 1 }, store)).data
    const refused = await call(api.delete(`${A}/resources/${r.id}`, admin))
    expect(refused.status).toBe(400)
    expect(refused.data.message).toMatch(/has 1 active or confirmed hold\(s\) and cannot be deleted; deactivate it instead/)
    expect((await api.get(`${A}/resources/${r.id}`, admin)).status).toBe(200)

    await api.post(`${A}/holds/${hold.id}/release`, {}, admin)
    const deleted = await api.delete(`${A}/resources/${r.id}`, admin)
    expect(deleted.data).toEqual({ id: r.id, object: "resource", deleted: true })
    expect((await call(api.get(`${A}/resources/${r.id}`, admin))).status).toBe(404)
    const avail = await call(api.get(`/store/resource-booking/resources/${r.id}/availability?from=${day(1)}&to=${day(2)}`, store))
    expect(avail.status).toBe(404)
  })
}
