import type { MedusaRequest, MedusaStoreRequest } from "@medusajs/framework/http"

/** The sales channels of a store request's publishable key: what a storefront may reach. */
export const salesChannelsOf = (req: MedusaRequest): string[] =>
  (req as MedusaStoreRequest).publishable_key_context?.sales_channel_ids ?? []
