import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { bookingModule } from "../../../../../../modules/resource_booking"
import type { StoreAvailabilityQueryType } from "../../../validators"

/** Per day and slot (with `nights`: per start day of a stay): max and what a shopper can hold now. An inactive resource is a 404. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const { from, to, nights } = req.validatedQuery as StoreAvailabilityQueryType
  res.json({ availability: await bookingModule(req.scope).getAvailability(req.params.id, { from, to }, { activeOnly: true, nights }) })
}
