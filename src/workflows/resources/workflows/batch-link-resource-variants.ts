import {
  acquireLockStep,
  createRemoteLinkStep,
  dismissRemoteLinkStep,
  releaseLockStep,
} from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  planResourceVariantLinksStep,
  type BatchResourceVariantsInput,
} from "../steps/plan-resource-variant-links"

export const batchLinkResourceVariantsWorkflowId = "resource-booking-batch-link-resource-variants"

/**
 * Links variants to a resource and unlinks them, all or nothing: the links
 * created and dismissed here are undone if a later step fails. The variants
 * are locked from the check to the write, so two batches cannot both give one
 * variant to different resources.
 */
export const batchLinkResourceVariantsWorkflow = createWorkflow(
  batchLinkResourceVariantsWorkflowId,
  (input: BatchResourceVariantsInput) => {
    const key = transform({ input }, ({ input }) =>
      [...new Set([...(input.add ?? []), ...(input.remove ?? [])])]
        .sort()
        .map((id) => `resource-booking:variant-link:${id}`)
    )
    acquireLockStep({ key, timeout: 10, ttl: 30 })
    const plan = planResourceVariantLinksStep(input)
    dismissRemoteLinkStep(plan.dismiss)
    createRemoteLinkStep(plan.create)
    releaseLockStep({ key })
    return new WorkflowResponse(plan)
  }
)
