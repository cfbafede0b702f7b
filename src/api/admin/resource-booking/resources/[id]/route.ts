import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteResourceWorkflow, updateResourceWorkflow } from "../../../../../workflows/resources"
import { booking } from "../../../../utils/booking"
import type { AdminUpdateResourceType } from "../../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ resource: await booking(req).retrieveResource(req.params.id) })
}

export const POST = async (
  req: AuthenticatedMedusaRequest<AdminUpdateResourceType>,
  res: MedusaResponse
) => {
  const { result } = await updateResourceWorkflow(req.scope).run({
    input: { id: req.params.id, ...req.validatedBody },
  })
  res.json({ resource: result })
}

/** Refused (400) while the resource has active or confirmed holds. */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await deleteResourceWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "resource", deleted: true })
}
