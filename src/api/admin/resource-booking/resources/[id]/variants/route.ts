import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { batchLinkResourceVariantsWorkflow } from "../../../../../../workflows/batch-link-resource-variants"
import { withVariantIds } from "../../../../../../workflows/utils/resource-variant-links"
import { booking } from "../../../../../utils/booking"
import type { AdminBatchResourceVariantsType } from "../../../validators"

/** Links variants to the resource (they book it) and unlinks them. */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminBatchResourceVariantsType>,
  res: MedusaResponse
) => {
  await batchLinkResourceVariantsWorkflow(req.scope).run({
    input: { resource_id: req.params.id, ...req.validatedBody },
  })
  const [resource] = await withVariantIds(req.scope, [await booking(req).retrieveResource(req.params.id)])
  res.json({ resource })
}
