import { outboundItemsRoute } from "../../../../../utils/order-change-routes"

/** Medusa's POST /admin/exchanges/:id/outbound/items, the plugin's workflow behind it (docs/commerce.md). */
export const { POST } = outboundItemsRoute("exchange")
