import type { MedusaSuiteOptions } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createBookableProduct, setupStore } from "../../../scripts/lib/store-setup"
import { prepareAppEnv } from "../../helpers/http"
import { addLineItem, checkoutCart, createStoreCart, publishableHeaders } from "../../helpers/storefront"

export default function storeSetup({ api, getContainer }: MedusaSuiteOptions) {
  it("a plain product sells through Medusa's own storefront checkout", async () => {
    const container = getContainer()
    const store = await setupStore(container)
    const { variant_ids } = await createBookableProduct(container, store, {
      title: "Gift card",
      variants: [{ title: "Standard", price: 25 }],
    })
    const headers = publishableHeaders(store)

    const cart = await createStoreCart(api, headers, store)
    expect(cart.currency_code).toBe("eur")
    const added = await addLineItem(api, headers, cart.id, { variant_id: variant_ids[0], quantity: 2 })
    expect(added.status).toBe(200)
    expect(added.data.cart.items).toHaveLength(1)

    const done = await checkoutCart(api, headers, cart.id, store)
    expect(done.status).toBe(200)
    expect(done.data.type).toBe("order")
    expect(done.data.order.items[0]).toMatchObject({ variant_id: variant_ids[0], quantity: 2 })
    expect(Number(done.data.order.total)).toBe(2 * 25 + 5)
  })

  it("setupStore reuses what an earlier call created and makes it the store's default", async () => {
    const container = getContainer()
    const first = await setupStore(container)
    expect(await setupStore(container)).toEqual(first)
    const [store] = await container.resolve(Modules.STORE).listStores({}, { relations: ["supported_currencies"] })
    expect(store).toMatchObject({ default_region_id: first.region_id, default_sales_channel_id: first.sales_channel_id })
    expect(store.supported_currencies?.find((c) => c.is_default)?.currency_code).toBe("eur")
  })
}
