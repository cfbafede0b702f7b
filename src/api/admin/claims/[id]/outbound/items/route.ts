import { outboundItemsRoute } from "../../../../../utils/order-change-routes"

/** Medusa's POST /admin/claims/:id/outbound/items, the plugin's workflow behind it (docs/commerce.md). */
export const { POST } = outboundItemsRoute("claim")
