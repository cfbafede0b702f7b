import type { MedusaContainer } from "@medusajs/framework/types"
import {
  bookingModule,
  invalid,
  nightsBetween,
  nightsOf,
  nightsRange,
  notAllowed,
  stayVerdict,
} from "../../modules/resource_booking"
import { resourcesSoldIn } from "../../workflows/resources/utils/resource-variant-links"

type Item = { resource_id: string; date: string; slot?: string; quantity: number; end_date?: string }

/**
 * The holds API's items with a stay's nights spelled out: an item with
 * `end_date` (check-out, exclusive) holds each night, as a stay line does
 * (docs/design.md §13); a resource sold by the stay needs one, any other
 * refuses it. Resources the key's sales channels do not sell pass on
 * untouched, so the workflow answers 404 for them as for unknown ids.
 */
export async function holdItemsOf(container: Pick<MedusaContainer, "resolve">, items: Item[], salesChannelIds: string[]) {
  const sold = await resourcesSoldIn(container, [...new Set(items.map((i) => i.resource_id))], salesChannelIds)
  const resources = new Map(
    (sold.size ? await bookingModule(container).listResources({ id: [...sold] }, { select: ["id", "title", "min_nights", "max_nights"], take: null }) : []).map(
      (r) => [r.id, r]
    )
  )
  return items.flatMap(({ end_date, ...item }, i) => {
    const resource = resources.get(item.resource_id)
    if (!resource) {
      return [item]
    }
    const field = items.length > 1 ? `items[${i}].end_date` : "end_date"
    const what = `Resource "${resource.title}" (${resource.id})`
    switch (stayVerdict(resource, item.date, end_date)) {
      case "not-a-stay":
        invalid(`${what} is booked by the day, not by the stay; leave out ${field}`)
      case "end-required":
        invalid(`${what} is sold by the stay (${nightsRange(resource)}): ${field} must name the day after the last night`)
      case "bad-end":
        invalid(`${field} must be a calendar day after date ${item.date}, got ${JSON.stringify(end_date)}`)
      case "too-short":
      case "too-long":
        notAllowed(`${what} is sold for stays of ${nightsRange(resource)}: ${item.date} to ${end_date} is ${nightsBetween(item.date, end_date!)} night(s)`)
    }
    return end_date ? nightsOf(item.date, end_date).map((date) => ({ ...item, date })) : [item]
  })
}
