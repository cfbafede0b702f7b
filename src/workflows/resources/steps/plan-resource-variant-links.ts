import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingModule, invalid, notFound } from "../../../modules/resource_booking"
import { resourceOfVariants, resourceVariantLink } from "../utils/resource-variant-links"

export type BatchResourceVariantsInput = { resource_id: string; add?: string[]; remove?: string[] }

export const planResourceVariantLinksStepId = "resource-booking-plan-resource-variant-links"

/**
 * Checks a batch before anything changes and works out the links to create
 * and to dismiss: the resource and every added variant must exist, and an
 * added variant must not book another resource (a variant books at most one,
 * and moving it silently would move its future bookings too). Variants
 * already linked, or not linked, as asked are left out, so repeating a batch
 * is a no-op. Read-only: nothing to compensate.
 */
export const planResourceVariantLinksStep = createStep(
  planResourceVariantLinksStepId,
  async ({ resource_id, add = [], remove = [] }: BatchResourceVariantsInput, { container }) => {
    const resource = await bookingModule(container).retrieveResource(resource_id, { select: ["id"] })

    const found = add.length
      ? await container.resolve(Modules.PRODUCT).listProductVariants({ id: add }, { select: ["id"], take: null })
      : []
    const known = new Set(found.map((v) => v.id))
    const unknown = add.filter((id) => !known.has(id))
    if (unknown.length) {
      notFound(`Product variant${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} ${unknown.length > 1 ? "were" : "was"} not found`)
    }

    const current = await resourceOfVariants(container, [...add, ...remove])
    const taken = add.filter((id) => current.has(id) && current.get(id) !== resource.id)
    if (taken.length) {
      const others = await bookingModule(container).listResources(
        { id: [...new Set(taken.map((id) => current.get(id)!))] },
        { select: ["id", "title"] }
      )
      const title = new Map(others.map((r) => [r.id, r.title]))
      const which = taken.map((id) => `variant ${id} already books resource "${title.get(current.get(id)!)}" (${current.get(id)})`)
      invalid(`A variant books at most one resource: ${which.join("; ")}. Remove it from that resource first`)
    }

    return new StepResponse({
      create: add.filter((id) => !current.has(id)).map((id) => resourceVariantLink(resource.id, id)),
      dismiss: remove.filter((id) => current.get(id) === resource.id).map((id) => resourceVariantLink(resource.id, id)),
    })
  }
)
