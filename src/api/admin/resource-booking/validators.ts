import { toHandle } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { createFindParams, createSelectParams } from "@medusajs/medusa/api/utils/validators"
import {
  HOLD_STATUSES,
  isTimeZone,
  MAX_BATCH_ITEMS,
  MAX_CLEANUP_BATCH_SIZE,
  MAX_CUTOFF_MINUTES,
  MAX_HOLD_TTL_MINUTES,
  MAX_HORIZON_DAYS,
  MAX_QUANTITY,
  MAX_STAY_NIGHTS,
} from "../../../modules/resource_booking"
import {
  HOLD_FIELDS,
  HOLD_ORDER,
  HOLD_RESOURCE_EXTRA_FIELDS,
  HOLD_RESOURCE_FIELDS,
  RESOURCE_FIELDS,
  RESOURCE_ORDER,
} from "../../utils/fields"
import { booleanString, day, id, integer, orderBy, pagination, quantity, selectable, slot, slotList, withDayRange } from "../../utils/schemas"

export const AdminCleanupBody = z
  .object({
    dry_run: z.boolean().optional(),
    batch_size: integer("batch_size", 1, MAX_CLEANUP_BATCH_SIZE).optional(),
  })
  .strict()
export type AdminCleanupBodyType = z.infer<typeof AdminCleanupBody>

// A handle is one Medusa's toHandle leaves as it is, as the handles it makes from titles are.
const handle = z
  .string({ error: "Field 'handle' must be a string" })
  .max(255, { error: "Field 'handle' is too long" })
  .refine((h) => toHandle(h) === h, {
    error: "Field 'handle' must be lowercase letters, digits and single dashes, e.g. harbour-tour",
  })

const resourceFields = {
  description: z.string({ error: "Field 'description' must be a string" }).max(5000).nullish(),
  is_active: z.boolean({ error: "Field 'is_active' must be a boolean" }).optional(),
  hold_ttl_minutes: integer("hold_ttl_minutes", 1, MAX_HOLD_TTL_MINUTES).nullish(),
  // The longest a cart may keep one of its days held; null: the plugin's maxHoldMinutes.
  max_hold_minutes: integer("max_hold_minutes", 1, MAX_HOLD_TTL_MINUTES).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  // The start times it is sold by; [] (the default): by the whole day.
  slots: slotList().optional(),
  // Its days and slot labels are local to this zone; null: the plugin's timeZone.
  time_zone: z
    .string({ error: "Field 'time_zone' must be an IANA time zone name, e.g. Europe/Copenhagen" })
    .refine(isTimeZone, { error: "Field 'time_zone' must be an IANA time zone name, e.g. Europe/Copenhagen or UTC" })
    .nullish(),
  // A slot stops selling this long before it starts, a whole day before it ends.
  cutoff_minutes: integer("cutoff_minutes", 0, MAX_CUTOFF_MINUTES).nullish(),
  // How far ahead the weekly schedule writes its days.
  booking_horizon_days: integer("booking_horizon_days", 1, MAX_HORIZON_DAYS).optional(),
  // Sold by the stay: the fewest and most nights a booking spans (both, or both null).
  min_nights: integer("min_nights", 1, MAX_STAY_NIGHTS).nullish(),
  max_nights: integer("max_nights", 1, MAX_STAY_NIGHTS).nullish(),
}
const title = z
  .string({ error: "Field 'title' must be a string" })
  .trim()
  .min(1, { error: "Field 'title' must not be empty" })
  .max(255, { error: "Field 'title' is too long" })

export const AdminCreateResource = z.object({ title, handle: handle.optional(), ...resourceFields })
export type AdminCreateResourceType = z.infer<typeof AdminCreateResource>

export const AdminUpdateResource = z.object({
  title: title.optional(),
  handle: handle.optional(),
  ...resourceFields,
})
export type AdminUpdateResourceType = z.infer<typeof AdminUpdateResource>

// The soft-delete column may be asked for (with Medusa's with_deleted).
const selectableResourceFields = selectable([...RESOURCE_FIELDS, "deleted_at"])

export const AdminGetResource = createSelectParams().extend({ fields: selectableResourceFields })

/** Newest first unless `order` says otherwise. */
export const AdminListResources = createFindParams().extend({
  q: z.string().max(200).optional(),
  is_active: booleanString("is_active").optional(),
  fields: selectableResourceFields,
  order: orderBy(RESOURCE_ORDER, "-created_at"),
  ...pagination(),
})

export const AdminSetCapacity = withDayRange({
  max_capacity: integer("max_capacity", 0, MAX_QUANTITY),
  // Some of the resource's slots; absent: every slot (or the whole day).
  slots: slotList().refine((v) => v.length > 0, { error: "Field 'slots' must list at least one slot" }).optional(),
})
export type AdminSetCapacityType = z.infer<typeof AdminSetCapacity>

export const AdminCapacityRange = withDayRange({})

/** A weekly schedule: Monday = 1 … Sunday = 7; slots absent: every slot of the resource. */
export const AdminSetSchedule = z
  .object({
    rules: z
      .array(
        z
          .object({
            weekdays: z.array(integer("weekdays", 1, 7)).min(1, { error: "Field 'weekdays' must list at least one day, Monday = 1 to Sunday = 7" }),
            slots: slotList().refine((v) => v.length > 0, { error: "Field 'slots' must list at least one slot, or be left out for all" }).optional(),
            capacity: integer("capacity", 0, MAX_QUANTITY),
            valid_from: day("valid_from").nullish(),
            valid_until: day("valid_until").nullish(),
          })
          .strict()
          .refine((r) => !(r.valid_from && r.valid_until) || r.valid_from <= r.valid_until, {
            error: "Field 'valid_from' must not be after field 'valid_until'",
          })
      )
      .max(100, { error: "A schedule may have at most 100 rules" }),
  })
  .strict()
export type AdminSetScheduleType = z.infer<typeof AdminSetSchedule>

/** Days set by hand that go back to the schedule: a range, and some slots or all. */
export const AdminFollowSchedule = withDayRange({
  slots: slotList().refine((v) => v.length > 0, { error: "Field 'slots' must list at least one slot" }).optional(),
})
export type AdminFollowScheduleType = z.infer<typeof AdminFollowSchedule>
export type AdminCapacityRangeType = z.infer<typeof AdminCapacityRange>

/**
 * Newest first unless `order` says otherwise. `date` is one day; `from`/`to`
 * a range of days, which becomes the `date` filter query.graph reads.
 */
export const AdminListHolds = createFindParams()
  .extend({
    status: z
      .enum([...HOLD_STATUSES], { error: `Field 'status' must be one of ${HOLD_STATUSES.join(", ")}` })
      .optional(),
    resource_id: id("resource_id").optional(),
    cart_id: id("cart_id").optional(),
    order_id: id("order_id").optional(),
    date: day("date").optional(),
    from: day("from").optional(),
    to: day("to").optional(),
    fields: selectable([...HOLD_FIELDS, ...HOLD_RESOURCE_FIELDS, ...HOLD_RESOURCE_EXTRA_FIELDS, "deleted_at"]),
    order: orderBy(HOLD_ORDER, "-created_at"),
    ...pagination(),
  })
  // Medusa makes plain objects strict; a refined one must say so itself.
  .strict()
  .refine((v) => !(v.from && v.to) || v.from <= v.to, {
    error: "Field 'from' must not be after field 'to'",
  })
  .transform(({ from, to, ...v }) =>
    v.date || !(from || to) ? v : { ...v, date: { ...(from && { $gte: from }), ...(to && { $lte: to }) } }
  )

const isVariantId = (v: unknown): v is string => typeof v === "string" && !!v.trim() && v.length <= 255
// Elements are checked by a refinement: Medusa rewrites a type error inside an
// array as "Field 'add, 0' is required", which misleads.
const variantIds = (field: "add" | "remove") =>
  z
    .array(z.unknown())
    .max(MAX_BATCH_ITEMS)
    .refine((ids) => ids.every(isVariantId), {
      error: `Field '${field}' must list variant ids (non-empty strings of at most 255 characters)`,
    })
    .transform((ids) => [...new Set((ids as string[]).map((v) => v.trim()))])

/** Medusa's batch-link shape. */
export const AdminBatchResourceVariants = z
  .object({ add: variantIds("add").optional(), remove: variantIds("remove").optional() })
  .strict()
  .refine((v) => !!(v.add?.length || v.remove?.length), {
    error: "Give at least one variant id in 'add' or 'remove'",
  })
  .refine((v) => !v.add?.some((id) => v.remove?.includes(id)), {
    error: "A variant id cannot be in both 'add' and 'remove'",
  })
export type AdminBatchResourceVariantsType = z.infer<typeof AdminBatchResourceVariants>

/** Routes that take no query or body still refuse unknown fields. */
export const AdminNoParams = z.object({})

/** The audit from this day on (default: today). */
export const AdminAuditQuery = z.object({ from: day("from").optional() }).strict()
export type AdminAuditQueryType = z.infer<typeof AdminAuditQuery>

/** Where a confirmed booking moves: a day, the slot for a resource sold by the slot, and how many of its units. */
export const AdminReschedule = z
  .object({ date: day("date"), slot: slot().optional(), quantity: quantity().optional() })
  .strict()
export type AdminRescheduleType = z.infer<typeof AdminReschedule>
