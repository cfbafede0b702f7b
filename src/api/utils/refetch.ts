import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, remoteQueryObjectFromString } from "@medusajs/framework/utils"

/** One order exchange, claim or return as Medusa's own routes answer it (their fields and filters). */
export async function refetchOrderChange(
  scope: MedusaContainer,
  entryPoint: "order_exchange" | "order_claim" | "return",
  id: string,
  fields: string[],
  filters: Record<string, unknown> = {}
) {
  const remoteQuery = scope.resolve(ContainerRegistrationKeys.REMOTE_QUERY)
  const [row] = await remoteQuery(remoteQueryObjectFromString({ entryPoint, variables: { id, filters }, fields }), {
    throwIfKeyNotFound: true,
  })
  return row
}
