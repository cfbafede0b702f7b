import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteResourceWorkflow, updateResourceWorkflow } from "../../../../../workflows"
import type { AdminResourceResponse } from "../../../../types"
import { refetchResource } from "../../../../utils/query"
import type { AdminUpdateResourceType } from "../../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminResourceResponse>) => {
  res.json({ resource: await refetchResource(req.scope, req.params.id, req.queryConfig.fields) })
}

export const POST = async (
  req: AuthenticatedMedusaRequest<AdminUpdateResourceType>,
  res: MedusaResponse<AdminResourceResponse>
) => {
  await updateResourceWorkflow(req.scope).run({ input: { id: req.params.id, ...req.validatedBody } })
  res.json({ resource: await refetchResource(req.scope, req.params.id, req.queryConfig.fields) })
}

/** Refused (400) while the resource has active or confirmed holds. */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await deleteResourceWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "resource", deleted: true })
}
