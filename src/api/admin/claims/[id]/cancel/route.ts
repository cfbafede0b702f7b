import { cancelRoute } from "../../../../utils/order-change-routes"

/** Medusa's POST /admin/claims/:id/cancel, the plugin's workflow behind it. */
export const { POST } = cancelRoute("claim")
