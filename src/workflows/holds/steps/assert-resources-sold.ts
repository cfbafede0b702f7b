import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { notFound } from "../../../modules/resource_booking"
import { resourcesSoldIn } from "../../resources/utils/resource-variant-links"

export const assertResourcesSoldStepId = "resource-booking-assert-resources-sold"

/**
 * A storefront may hold only what its sales channels sell: a resource that a
 * published product's variant books, in one of those channels. Anything else
 * answers exactly like an unknown resource (404), so ids cannot be probed.
 * Without sales channels (holds made by other workflows) it passes.
 */
export const assertResourcesSoldStep = createStep(
  assertResourcesSoldStepId,
  async (input: { resource_ids: string[]; sales_channel_ids?: string[] | null }, { container }) => {
    if (input.sales_channel_ids) {
      const sold = await resourcesSoldIn(container, input.resource_ids, input.sales_channel_ids)
      const foreign = input.resource_ids.find((id) => !sold.has(id))
      if (foreign) {
        notFound(`Resource with id "${foreign}" was not found`)
      }
    }
    return new StepResponse(undefined)
  }
)
