import { outboundItemRoute } from "../../../../../../utils/order-change-routes"

/** Medusa's POST and DELETE /admin/claims/:id/outbound/items/:action_id, the plugin's workflows behind them. */
export const { POST, DELETE } = outboundItemRoute("claim")
