import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { bookingModule } from "../../../../modules/resource_booking"

/** docs/design.md. Always 200: the body's status says how healthy the bookings are. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  res.json(await bookingModule(req.scope).getHealth())
}
