import { z } from "@medusajs/framework/zod"
import {
  DEFAULT_PAGE_SIZE,
  isCalendarDay,
  isSlot,
  MAX_PAGE_SIZE,
  MAX_QUANTITY,
  MAX_RANGE_DAYS,
  MAX_SLOTS,
  wholeNumber,
} from "../../modules/resource_booking"

// Messages name the field: Medusa passes custom messages through as they are.

export const day = (field: string) =>
  z
    .string({ error: `Field '${field}' must be a calendar day as YYYY-MM-DD` })
    .refine(isCalendarDay, { error: `Field '${field}' must be a calendar day as YYYY-MM-DD` })

export const id = (field: string) =>
  z
    .string({ error: `Field '${field}' must be an id string` })
    .trim()
    .min(1, { error: `Field '${field}' must not be empty` })
    .max(255, { error: `Field '${field}' is too long` })

/** A slot's start label, "HH:MM". */
export const slot = (field = "slot") =>
  z
    .string({ error: `Field '${field}' must be a slot's start time as HH:MM, e.g. 09:00` })
    .refine(isSlot, { error: `Field '${field}' must be a slot's start time as HH:MM (00:00 to 23:59), e.g. 09:00` })

/** A list of slots; duplicates are refused, order does not matter. */
export const slotList = (field = "slots") =>
  z
    .array(z.unknown(), { error: `Field '${field}' must be an array of start times as HH:MM, e.g. ["09:00", "14:00"]` })
    .max(MAX_SLOTS, { error: `Field '${field}' can list at most ${MAX_SLOTS} slots` })
    // Elements are checked by a refinement: Medusa rewrites a type error inside an array misleadingly.
    .refine((v) => v.every(isSlot), {
      error: `Field '${field}' must list start times as HH:MM (00:00 to 23:59), e.g. ["09:00", "14:00"]`,
    })
    .refine((v) => new Set(v).size === v.length, { error: `Field '${field}' lists a slot twice` })
    .transform((v) => v as string[])

/** A whole number of a body field, from `min` to `max`, refusals naming the field. */
export const integer = (field: string, min: number, max: number) => wholeNumber(`Field '${field}'`, min, max)

export const quantity = (field = "quantity") => integer(field, 1, MAX_QUANTITY)

const spanDays = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1

/** `from`..`to` inclusive, in order, at most 366 days. */
export const withDayRange = <T extends z.ZodRawShape>(shape: T) =>
  z
    .object({ from: day("from"), to: day("to"), ...shape })
    // Medusa makes plain objects strict; a refined one must say so itself.
    .strict()
    .refine((v: any) => v.from <= v.to, {
      error: "Field 'from' must not be after field 'to'",
    })
    .refine((v: any) => v.from > v.to || spanDays(v.from, v.to) <= MAX_RANGE_DAYS, {
      error: `The range from 'from' to 'to' must be at most ${MAX_RANGE_DAYS} days`,
    })

/**
 * limit/offset for a list route built on Medusa's `createFindParams`, which
 * takes any number (`limit=0`, `limit=-1`, `limit=2.5` as 2): these are whole
 * numbers in range, or a 400 naming the field.
 */
export const pagination = (defaultLimit = DEFAULT_PAGE_SIZE) => ({
  limit: wholeNumber("Field 'limit'", 1, MAX_PAGE_SIZE, { coerce: true }).default(defaultLimit),
  offset: wholeNumber("Field 'offset'", 0, 10_000_000, { coerce: true }).default(0),
})

// Medusa 2.21.2's query config does not do what these do: fields outside its
// `allowed` are dropped silently (a 400 here names what may be asked for), and
// `order` may then name any allowed field, not only the indexed ones.

// A `fields` entry as Medusa reads it: `title`, `+title` or `-title`.
const fieldName = (entry: string) => entry.replace(/^[+ \t-]+/, "").trim()

/**
 * `fields` as Medusa's routes take it (`title,handle` replaces the default
 * fields, `+metadata` adds one, `-description` drops one), naming only these:
 * anything else is a 400 rather than a field silently left out.
 */
export const selectable = (fields: readonly string[]) =>
  z
    .string({ error: "Field 'fields' must be one comma-separated string" })
    .refine((v) => v.split(",").filter(Boolean).every((f) => fields.includes(fieldName(f))), {
      error: `Field 'fields' may only name ${fields.join(", ")}`,
    })
    .optional()

/**
 * `order` as Medusa's routes take it: a field, or `-field` for descending
 * (Medusa's 400 lists the values it takes).
 */
export const orderBy = (fields: readonly string[], byDefault: string) =>
  z.enum(fields.flatMap((f) => [f, `-${f}`]) as [string, ...string[]]).default(byDefault)

export const booleanString = (field: string) =>
  z.enum(["true", "false"], { error: `Field '${field}' must be true or false` }).transform((v) => v === "true")
