import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, PriceListType, QueryContext } from "@medusajs/framework/utils"
import { bookingModule, isCalendarDay, nightsBetween, soldByStay, stayVerdict } from "../../../modules/resource_booking"
import { variantLinks } from "../../resources/utils/resource-variant-links"
import { BOOKING_DATE_KEY, BOOKING_END_DATE_KEY } from "./booking-lines"

/** Who is buying, as Medusa prices a cart's lines: its currency, region and customer. */
export type PricingContext = { currency_code: string; region_id?: string | null; customer_id?: string | null }

/** A stay line's price: the variant's price per night times its nights, as Medusa's custom line price. */
export type StayPrice = { unit_price: number; compare_at_unit_price: number | null; nights: number }

/**
 * The price of a line that books a stay (docs/design.md §13): the variant's
 * calculated price for the buyer's context (price lists and rules included),
 * one night's, times the nights from `booking_date` to `booking_end_date`;
 * a sale's compare-at price likewise. Null for any other line, and for a
 * stay its resource does not sell (the booking checks refuse that one, with
 * their own message). Read only.
 */
export async function stayPrice(
  container: Pick<MedusaContainer, "resolve">,
  item: { variant_id?: string | null; metadata?: Record<string, unknown> | null },
  context: PricingContext
): Promise<StayPrice | null> {
  const start = item.metadata?.[BOOKING_DATE_KEY]
  const end = item.metadata?.[BOOKING_END_DATE_KEY]
  if (!item.variant_id || !isCalendarDay(start) || !isCalendarDay(end)) {
    return null
  }
  const link = (await variantLinks(container, [item.variant_id])).get(item.variant_id)
  if (!link) {
    return null
  }
  const [resource] = await bookingModule(container).listResources({ id: link.resource_id }, { select: ["id", "min_nights", "max_nights"] })
  if (!resource || !soldByStay(resource) || stayVerdict(resource, start, end) !== "ok") {
    return null
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [variant] } = await query.graph({
    entity: "product_variant",
    fields: ["id", "calculated_price.*"],
    filters: { id: item.variant_id },
    context: {
      calculated_price: QueryContext({
        currency_code: context.currency_code,
        ...(context.region_id ? { region_id: context.region_id } : {}),
        ...(context.customer_id ? { customer_id: context.customer_id } : {}),
      }),
    },
  })
  const price = (variant as any)?.calculated_price
  if (price?.calculated_amount === null || price?.calculated_amount === undefined) {
    return null // no price for this currency: Medusa refuses the line with its own message
  }
  const nights = nightsBetween(start, end)
  const times = (amount: unknown) => MathBN.mult(MathBN.convert(amount as any), nights).toNumber()
  const onSale =
    price.calculated_price?.price_list_type === PriceListType.SALE && !MathBN.eq(price.original_amount, price.calculated_amount)
  return {
    unit_price: times(price.calculated_amount),
    compare_at_unit_price: onSale ? times(price.original_amount) : null,
    nights,
  }
}
