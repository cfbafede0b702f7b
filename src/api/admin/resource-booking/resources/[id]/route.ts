import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteResourceWorkflow, updateResourceWorkflow } from "../../../../../workflows/resources"
import { withVariantIds } from "../../../../../workflows/utils/resource-variant-links"
import { booking } from "../../../../utils/booking"
import type { AdminUpdateResourceType } from "../../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const [resource] = await withVariantIds(req.scope, [await booking(req).retrieveResource(req.params.id)])
  res.json({ resource })
}

export const POST = async (
  req: AuthenticatedMedusaRequest<AdminUpdateResourceType>,
  res: MedusaResponse
) => {
  const { result } = await updateResourceWorkflow(req.scope).run({
    input: { id: req.params.id, ...req.validatedBody },
  })
  const [resource] = await withVariantIds(req.scope, [result])
  res.json({ resource })
}

/** Refused (400) while the resource has active or confirmed holds. */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await deleteResourceWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "resource", deleted: true })
}
