import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { batchLinkResourceVariantsWorkflow } from "../../../../../../workflows"
import type { AdminResourceResponse } from "../../../../../types"
import { refetchResource } from "../../../../../utils/query"
import type { AdminBatchResourceVariantsType } from "../../../validators"

/** Links variants to the resource (they book it) and unlinks them. */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminBatchResourceVariantsType>,
  res: MedusaResponse<AdminResourceResponse>
) => {
  await batchLinkResourceVariantsWorkflow(req.scope).run({
    input: { resource_id: req.params.id, ...req.validatedBody },
  })
  res.json({ resource: await refetchResource(req.scope, req.params.id, req.queryConfig.fields) })
}
