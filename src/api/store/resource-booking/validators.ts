import { z } from "@medusajs/framework/zod"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"
import { MAX_BATCH_ITEMS, MAX_PAGE_SIZE, MAX_STAY_NIGHTS, wholeNumber } from "../../../modules/resource_booking"
import { HOLD_FIELDS, HOLD_ORDER } from "../../utils/fields"
import { day, id, integer, orderBy, pagination, quantity, selectable, slot, withDayRange } from "../../utils/schemas"

// nights: per start day, whether a stay of that many nights is bookable (a resource sold by the stay).
export const StoreAvailabilityQuery = withDayRange({ nights: wholeNumber("Field 'nights'", 1, MAX_STAY_NIGHTS, { coerce: true }).optional() })
export type StoreAvailabilityQueryType = z.infer<typeof StoreAvailabilityQuery>

// end_date: a stay's check-out day (exclusive), for a resource sold by the stay.
const item = z
  .object({ resource_id: id("resource_id"), date: day("date"), end_date: day("end_date").optional(), slot: slot().optional(), quantity: quantity() })
  .strict()

/** One hold (`resource_id`, `date`, `quantity`) or several (`items`), all or nothing. */
export const StoreCreateHolds = z
  .object({
    cart_id: id("cart_id"),
    resource_id: id("resource_id").optional(),
    date: day("date").optional(),
    end_date: day("end_date").optional(),
    slot: slot().optional(),
    quantity: quantity().optional(),
    items: z
      .array(item, { error: "Field 'items' must be an array" })
      .min(1, { error: "Field 'items' must have at least 1 item" })
      .max(MAX_BATCH_ITEMS, { error: `Field 'items' must have at most ${MAX_BATCH_ITEMS} items` })
      .optional(),
  })
  .strict()
  .refine(
    (v) =>
      v.items
        ? v.resource_id === undefined && v.date === undefined && v.end_date === undefined && v.slot === undefined && v.quantity === undefined
        : v.resource_id !== undefined && v.date !== undefined && v.quantity !== undefined,
    { error: "Send either 'resource_id', 'date' and 'quantity' (and 'slot' for a resource sold by the slot), or 'items', not both" }
  )
export type StoreCreateHoldsType = z.infer<typeof StoreCreateHolds>

export const StoreHoldAction = z.object({ cart_id: id("cart_id") })
export type StoreHoldActionType = z.infer<typeof StoreHoldAction>

export const StoreExtendHold = z.object({
  cart_id: id("cart_id"),
  minutes: integer("minutes", 1, 120).optional(),
})
export type StoreExtendHoldType = z.infer<typeof StoreExtendHold>

/** A cart's holds, newest first unless `order` says otherwise; a page holds all of them unless there are more than the most a page holds. */
export const StoreListHolds = createFindParams()
  // A storefront sees no soft-deleted holds.
  .omit({ with_deleted: true })
  .extend({
    cart_id: id("cart_id"),
    fields: selectable(HOLD_FIELDS),
    order: orderBy(HOLD_ORDER, "-created_at"),
    ...pagination(MAX_PAGE_SIZE),
  })
