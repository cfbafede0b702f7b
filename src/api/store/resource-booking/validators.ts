import { z } from "@medusajs/framework/zod"
import { day, id, quantity, slot, withDayRange } from "../../utils/schemas"

export const StoreAvailabilityQuery = withDayRange({})
export type StoreAvailabilityQueryType = z.infer<typeof StoreAvailabilityQuery>

const item = z
  .object({ resource_id: id("resource_id"), date: day("date"), slot: slot().optional(), quantity: quantity() })
  .strict()

/** One hold (`resource_id`, `date`, `quantity`) or several (`items`), all or nothing. */
export const StoreCreateHolds = z
  .object({
    cart_id: id("cart_id"),
    resource_id: id("resource_id").optional(),
    date: day("date").optional(),
    slot: slot().optional(),
    quantity: quantity().optional(),
    items: z
      .array(item, { error: "Field 'items' must be an array" })
      .min(1, { error: "Field 'items' must have at least 1 item" })
      .max(100, { error: "Field 'items' must have at most 100 items" })
      .optional(),
  })
  .strict()
  .refine(
    (v) =>
      v.items
        ? v.resource_id === undefined && v.date === undefined && v.slot === undefined && v.quantity === undefined
        : v.resource_id !== undefined && v.date !== undefined && v.quantity !== undefined,
    { error: "Send either 'resource_id', 'date' and 'quantity' (and 'slot' for a resource sold by the slot), or 'items', not both" }
  )
export type StoreCreateHoldsType = z.infer<typeof StoreCreateHolds>

export const StoreHoldAction = z.object({ cart_id: id("cart_id") })
export type StoreHoldActionType = z.infer<typeof StoreHoldAction>

export const StoreExtendHold = z.object({
  cart_id: id("cart_id"),
  minutes: z
    .number({ error: "Field 'minutes' must be a number" })
    .int({ error: "Field 'minutes' must be a whole number" })
    .min(1, { error: "Field 'minutes' must be at least 1" })
    .max(120, { error: "Field 'minutes' must be at most 120" })
    .optional(),
})
export type StoreExtendHoldType = z.infer<typeof StoreExtendHold>

export const StoreListHolds = z.object({ cart_id: id("cart_id") })
export type StoreListHoldsType = z.infer<typeof StoreListHolds>
