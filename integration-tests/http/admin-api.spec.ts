import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { day, expectInvariant } from "../helpers/db"
import { adminHeaders, call, createCart, prepareAppEnv, storeHeaders } from "../helpers/http"

jest.setTimeout(180_000)
prepareAppEnv()

const A = "/admin/resource-booking"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
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

    it("sets and reads capacity for a date range; refuses bad ranges and going below what holds use", async () => {
      const r = await resource("Tour", 5)
      const read = await api.get(`${A}/resources/${r.id}/capacity?from=${day(0)}&to=${day(4)}`, admin)
      expect(read.data.capacity).toEqual([1, 2, 3].map((i) => ({ date: day(i), slot: "", max_capacity: 5, available_capacity: 5 })))

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
      const cart = await createCart(container)
      const store = await storeHeaders(container)
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
      const cartA = await createCart(container)
      const cartB = await createCart(container)
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
      expect((await call(api.get(`${A}/holds?status=pending`, admin))).status).toBe(400)
      expect((await call(api.get(`${A}/holds?from=${day(3)}&to=${day(1)}`, admin))).status).toBe(400)

      const released = await api.post(`${A}/holds/${h2.id}/release`, {}, admin)
      expect(released.data.hold).toMatchObject({ id: h2.id, status: "released" })
      // Repeating it is a no-op.
      expect((await api.post(`${A}/holds/${h2.id}/release`, {}, admin)).data.hold.status).toBe("released")
      expect((await api.get(`${A}/holds?status=released`, admin)).data.holds.map((h: any) => h.id)).toEqual([h2.id])

      const { RESOURCE_BOOKING_MODULE } = await import("../../src/modules/resource_booking")
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
      const cart = await createCart(container)
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
  },
})
