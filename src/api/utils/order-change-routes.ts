import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { defaultAdminDetailsReturnFields } from "@medusajs/medusa/api/admin/returns/query-config"
import * as workflows from "../../workflows"
import { orderPricingContext, priceStayItems } from "./price-stays"
import { refetchOrderChange } from "./refetch"

// Medusa's exchange and claim routes that change booking lines, with the
// plugin's workflows behind them (docs/commerce.md). The two families are
// alike in Medusa, so one set of handlers serves both; the bodies and the
// answers are Medusa's.

type Kind = "exchange" | "claim"

const plugin = {
  exchange: {
    entryPoint: "order_exchange",
    add: workflows.exchangeAddOutboundItemsWithBookingsWorkflow,
    update: workflows.exchangeUpdateOutboundItemWithBookingsWorkflow,
    remove: workflows.exchangeRemoveOutboundItemWithBookingsWorkflow,
    confirm: workflows.confirmExchangeWithBookingsWorkflow,
    drop: workflows.cancelExchangeRequestWithBookingsWorkflow,
    cancel: workflows.cancelExchangeWithBookingsWorkflow,
  },
  claim: {
    entryPoint: "order_claim",
    add: workflows.claimAddOutboundItemsWithBookingsWorkflow,
    update: workflows.claimUpdateOutboundItemWithBookingsWorkflow,
    remove: workflows.claimRemoveOutboundItemWithBookingsWorkflow,
    confirm: workflows.confirmClaimWithBookingsWorkflow,
    drop: workflows.cancelClaimRequestWithBookingsWorkflow,
    cancel: workflows.cancelClaimWithBookingsWorkflow,
  },
} as const

const refetch = (req: AuthenticatedMedusaRequest<any>, kind: Kind) =>
  refetchOrderChange(req.scope, plugin[kind].entryPoint, req.params.id, req.queryConfig.fields, req.filterableFields)

/** POST /admin/{exchanges,claims}/:id/outbound/items: outbound booking lines hold at once, or nothing is added. */
export const outboundItemsRoute = (kind: Kind) => ({
  POST: async (req: AuthenticatedMedusaRequest<any>, res: MedusaResponse) => {
    await priceStayItems(req, req.validatedBody.items, await orderPricingContext(req, req.params.id, `order_${kind}`))
    const { result } = await plugin[kind].add(req.scope).run({ input: { ...req.validatedBody, [`${kind}_id`]: req.params.id } })
    res.json({ order_preview: result, [kind]: await refetch(req, kind) })
  },
})

/** POST and DELETE /admin/{exchanges,claims}/:id/outbound/items/:action_id: an outbound line's quantity, or its removal. */
export const outboundItemRoute = (kind: Kind) => ({
  POST: async (req: AuthenticatedMedusaRequest<any>, res: MedusaResponse) => {
    const { id, action_id } = req.params
    const { result } = await plugin[kind].update(req.scope).run({
      input: { data: { ...req.validatedBody }, [`${kind}_id`]: id, action_id },
    })
    res.json({ order_preview: result, [kind]: await refetch(req, kind) })
  },
  DELETE: async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
    const { id, action_id } = req.params
    const { result } = await plugin[kind].remove(req.scope).run({ input: { [`${kind}_id`]: id, action_id } })
    res.json({ order_preview: result, [kind]: await refetch(req, kind) })
  },
})

/**
 * POST /admin/{exchanges,claims}/:id/request confirms the change and its
 * outbound bookings (one that lapsed taken again, or 400 and nothing
 * changes); DELETE drops it before it is confirmed, releasing what it held.
 */
export const requestRoute = (kind: Kind) => ({
  POST: async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
    const { result } = await plugin[kind].confirm(req.scope).run({
      input: { [`${kind}_id`]: req.params.id, confirmed_by: req.auth_context.actor_id },
    })
    const change = await refetch(req, kind)
    const orderReturn = change.return_id
      ? await refetchOrderChange(req.scope, "return", change.return_id, defaultAdminDetailsReturnFields)
      : undefined
    res.json({ order_preview: result, [kind]: change, return: orderReturn })
  },
  DELETE: async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
    const { id } = req.params
    await plugin[kind].drop(req.scope).run({ input: { [`${kind}_id`]: id } })
    res.status(200).json({ id, object: kind, deleted: true })
  },
})

/** POST /admin/{exchanges,claims}/:id/cancel: the confirmed change undone, its outbound bookings giving capacity back. */
export const cancelRoute = (kind: Kind) => ({
  POST: async (req: AuthenticatedMedusaRequest<any>, res: MedusaResponse) => {
    const { result } = await plugin[kind].cancel(req.scope).run({
      input: { ...req.validatedBody, [`${kind}_id`]: req.params.id, canceled_by: req.auth_context.actor_id },
    })
    res.status(200).json({ [kind]: result })
  },
})
