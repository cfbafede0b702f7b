import { cancelRoute } from "../../../../utils/order-change-routes"

/** Medusa's POST /admin/exchanges/:id/cancel, the plugin's workflow behind it. */
export const { POST } = cancelRoute("exchange")
