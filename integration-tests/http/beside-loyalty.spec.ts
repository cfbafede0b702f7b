import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, MedusaError, PaymentActions } from "@medusajs/framework/utils"
import { processPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { RESOURCE_BOOKING_MODULE } from "../../src/modules/resource_booking"
import { sharedHooks } from "../../src/workflows"
import { createBookableProduct, type StoreSetup } from "../../scripts/lib/store-setup"
import { connect, day, expectInvariant, expireInDb } from "../helpers/db"
import { call, prepareAppEnv } from "../helpers/http"
import { addLineItem, completeCart, createStoreCart, prepareCheckout, type StoreHeaders, beforeEachStore, type TestStore } from "../helpers/storefront"

jest.setTimeout(300_000)
// Medusa's own gift-card and store-credit plugin in the app, as a store that
// sells gift cards runs it (medusa-config.ts); @medusajs/draft-order is in
// every Medusa app. Both take workflow hooks; Medusa allows one handler each.
prepareAppEnv({ RB_WITH_LOYALTY: "true" })

const A = "/admin/resource-booking"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    let admin: TestStore["admin"], store: StoreSetup, pk: StoreHeaders
    beforeEachStore(api, getContainer, (t) => ({ admin, store, pk } = t))

    async function tour(max: number) {
      const booking = getContainer().resolve<any>(RESOURCE_BOOKING_MODULE)
      const resource = await booking.createResources({ title: "Fjord kayak", handle: `fjord-${Date.now()}` })
      await booking.setCapacity(resource.id, { from: day(1), to: day(7), max_capacity: max })
      const product = await createBookableProduct(getContainer(), store, {
        title: "Fjord kayak",
        variants: [{ title: "Adult", price: 50, resource_id: resource.id }],
      })
      return { resource, variant: product.variant_ids[0] }
    }

    async function available(resourceId: string, date: string) {
      const { data } = await api.get(`${A}/resources/${resourceId}/capacity?from=${date}&to=${date}`, admin)
      return data.capacity[0].available_capacity as number
    }

    async function holds(filter: string) {
      return (await api.get(`${A}/holds?${filter}`, admin)).data.holds as any[]
    }

    /** What the store-credit accounts behind the gift cards still hold (credits minus debits). */
    async function giftCardBalance() {
      const db = await connect(dbConfig.clientUrl)
      try {
        const { rows } = await db.query(`
          SELECT coalesce(sum(CASE type WHEN 'credit' THEN amount ELSE -amount END), 0)::float AS balance
          FROM store_credit_account_transaction WHERE deleted_at IS NULL`)
        return rows[0].balance as number
      } finally {
        await db.end()
      }
    }

    async function giftCard(code: string, value: number) {
      const res = await call(api.post("/admin/gift-cards", { code, value, currency_code: "eur" }, admin))
      expect([res.status, res.data.message]).toEqual([200, undefined])
      return res.data.gift_card
    }

    /** A cart with `quantity` of the tour on `date`, ready to complete, paying partly with a gift card. */
    async function cartWithGiftCard(variant: string, date: string, quantity: number, code: string) {
      const cart = await createStoreCart(api, pk, store)
      expect((await addLineItem(api, pk, cart.id, { variant_id: variant, quantity, metadata: { booking_date: date } })).status).toBe(200)
      // The card first: a change of the total replaces the cart's payment sessions.
      const applied = await call(api.post(`/store/carts/${cart.id}/gift-cards`, { code }, pk))
      expect([applied.status, applied.data.message]).toEqual([200, undefined])
      await prepareCheckout(api, pk, cart.id, store)
      return cart.id as string
    }

    it("boots beside the loyalty and draft-order plugins, whose routes answer", async () => {
      for (const path of ["/admin/gift-cards", "/admin/store-credit-accounts", "/admin/draft-orders", `${A}/health`]) {
        expect([path, (await call(api.get(path, admin))).status]).toEqual([path, 200])
      }
    })

    it("a checkout paid partly with a gift card books the tour and debits the card; a resold lapsed booking refuses completion and debits nothing; cancel gives the places back", async () => {
      const { resource, variant } = await tour(2)
      await giftCard("GIFT-TOUR", 20)
      expect(await giftCardBalance()).toBe(20)

      // A cart whose holds lapsed while their places were sold to another.
      const late = await cartWithGiftCard(variant, day(3), 2, "GIFT-TOUR")
      const db = await connect(dbConfig.clientUrl)
      try {
        await expireInDb(db, (await holds(`cart_id=${late}&status=active`)).map((h) => h.id))
      } finally {
        await db.end()
      }
      const rival = await createStoreCart(api, pk, store)
      expect((await addLineItem(api, pk, rival.id, { variant_id: variant, quantity: 2, metadata: { booking_date: day(3) } })).status).toBe(200)
      const refused = await completeCart(api, pk, late)
      expect([refused.status, refused.data.type, refused.data.message]).toEqual([
        400,
        "not_allowed",
        `Not enough capacity for resource "Fjord kayak" (${resource.id}) on ${day(3)}: requested 2, available 0`,
      ])
      expect(await giftCardBalance()).toBe(20)
      expect((await api.get(`/admin/orders?fields=id`, admin)).data.count).toBe(0)

      // A cart that books another day: the order, its bookings and the debit.
      const paid = await cartWithGiftCard(variant, day(4), 2, "GIFT-TOUR")
      const done = await completeCart(api, pk, paid)
      expect([done.status, done.data.type]).toEqual([200, "order"])
      const order = done.data.order
      expect((await holds(`order_id=${order.id}`)).map((h) => [h.status, h.quantity, h.date])).toEqual([["confirmed", 2, day(4)]])
      expect(await available(resource.id, day(4))).toBe(0)
      expect(await giftCardBalance()).toBe(0)

      // Cancel, through both plugins' handlers: the places come back. (What the
      // card paid stays with the order: Medusa's cancel refunds captured
      // payments, and the loyalty plugin credits refunds to customer accounts.)
      expect((await call(api.post(`/admin/orders/${order.id}/cancel`, {}, admin))).status).toBe(200)
      expect((await holds(`order_id=${order.id}`)).map((h) => h.status)).toEqual(["canceled"])
      expect(await available(resource.id, day(4))).toBe(2)
      await expectInvariant(dbConfig.clientUrl)
    })

    it("a completion through the payment-webhook path confirms its bookings", async () => {
      const { resource, variant } = await tour(3)
      const cart = await createStoreCart(api, pk, store)
      expect((await addLineItem(api, pk, cart.id, { variant_id: variant, quantity: 2, metadata: { booking_date: day(2) } })).status).toBe(200)
      await prepareCheckout(api, pk, cart.id, store)
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: [withSession] } = await query.graph({
        entity: "cart",
        fields: ["total", "payment_collection.payment_sessions.id"],
        filters: { id: cart.id },
      })
      const session = (withSession as any).payment_collection.payment_sessions[0]
      // What Medusa's payment-webhook subscriber runs for a provider's "authorized" event.
      await processPaymentWorkflow(getContainer()).run({
        input: { action: PaymentActions.AUTHORIZED, data: { session_id: session.id, amount: (withSession as any).total } },
      })
      const { data: [link] } = await query.graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cart.id } })
      expect(link?.order_id).toBeDefined()
      expect((await holds(`order_id=${link.order_id}`)).map((h) => [h.status, h.quantity])).toEqual([["confirmed", 2]])
      expect(await available(resource.id, day(2))).toBe(1)
      await expectInvariant(dbConfig.clientUrl)
    })

    it("a store's own handlers on the hooks the plugin takes run, and one can refuse a checkout before any place is confirmed", async () => {
      const { resource, variant } = await tour(3)
      const seen: string[] = []
      sharedHooks.cartValidate.add("test-cart-rule", async ({ input, cart }) => {
        seen.push(`cart ${input.cart_id ?? cart.id}`)
      })
      sharedHooks.completeCartValidate.add("test-no-tuesday", async ({ cart }) => {
        seen.push(`complete ${cart.id}`)
        if (cart.email?.startsWith("tuesday")) {
          throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "We do not take bookings on Tuesdays")
        }
      })
      try {
        const cart = await createStoreCart(api, pk, store)
        expect((await addLineItem(api, pk, cart.id, { variant_id: variant, quantity: 1, metadata: { booking_date: day(2) } })).status).toBe(200)
        expect(seen).toContain(`cart ${cart.id}`)
        await prepareCheckout(api, pk, cart.id, store)
        await api.post(`/store/carts/${cart.id}`, { email: "tuesday@example.com" }, pk)
        const refused = await completeCart(api, pk, cart.id)
        expect([refused.status, refused.data.message]).toEqual([400, "We do not take bookings on Tuesdays"])
        expect(seen).toContain(`complete ${cart.id}`)
        expect((await holds(`cart_id=${cart.id}`)).map((h) => h.status)).toEqual(["active"])

        sharedHooks.completeCartValidate.remove("test-no-tuesday")
        const done = await completeCart(api, pk, cart.id)
        expect([done.status, done.data.type]).toEqual([200, "order"])
        expect((await holds(`cart_id=${cart.id}`)).map((h) => [h.status, h.order_id])).toEqual([["confirmed", done.data.order.id]])
        expect(await available(resource.id, day(2))).toBe(2)
      } finally {
        sharedHooks.cartValidate.remove("test-cart-rule")
        sharedHooks.completeCartValidate.remove("test-no-tuesday")
      }
    })
  },
})
