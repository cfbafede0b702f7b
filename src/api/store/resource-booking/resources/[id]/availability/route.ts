import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { booking } from "../../../../../utils/booking"
import type { StoreAvailabilityQueryType } from "../../../validators"

/** Per day: max and what a shopper can hold now. Inactive resources are not shown. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const { from, to } = req.validatedQuery as StoreAvailabilityQueryType
  const service = booking(req)
  const [resource] = await service.listResources(
    { id: req.params.id, is_active: true },
    { select: ["id"], take: 1 }
  )
  if (!resource) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Resource with id "${req.params.id}" was not found`)
  }
  res.json({ availability: await service.getAvailability(resource.id, { from, to }) })
}
