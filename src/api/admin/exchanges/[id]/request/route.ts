import { requestRoute } from "../../../../utils/order-change-routes"

/** Medusa's POST and DELETE /admin/exchanges/:id/request, the plugin's workflows behind them. */
export const { POST, DELETE } = requestRoute("exchange")
