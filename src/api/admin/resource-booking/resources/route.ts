import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { toHandle } from "@medusajs/framework/utils"
import { createResourceWorkflow } from "../../../../workflows"
import type { AdminResourceListResponse, AdminResourceResponse } from "../../../types"
import { listResources, refetchResource } from "../../../utils/query"
import type { AdminCreateResourceType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminResourceListResponse>) => {
  res.json(await listResources(req))
}

/** The handle is made from the title, as Medusa makes a product's, unless one is given. */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminCreateResourceType>,
  res: MedusaResponse<AdminResourceResponse>
) => {
  const body = req.validatedBody
  const { result } = await createResourceWorkflow(req.scope).run({
    input: { ...body, handle: body.handle ?? toHandle(body.title) },
  })
  res.json({ resource: await refetchResource(req.scope, result.id, req.queryConfig.fields) })
}
