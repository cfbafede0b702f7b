import { z } from "@medusajs/framework/zod"
import { invalid } from "../errors"
import { MAX_CLEANUP_BATCH_SIZE, MAX_HOLD_TTL_MINUTES, MAX_QUANTITY, MAX_RETAIN_DAYS } from "./limits"
import { firesOftenEnough, isValidCron } from "./cron"
import { isTimeZone } from "./time-zone"
import { wholeNumber } from "./zod"

export type ResourceBookingOptions = {
  /** Default TTL of a hold, in minutes. */
  holdTtlMinutes: number
  /** Cron expression of the sweep job (UTC). */
  cleanupSchedule: string
  /** Holds expired per sweep batch (one transaction each). */
  cleanupBatchSize: number
  /** A sweep slower than this is logged as a warning and degrades health. */
  slowCleanupMs: number
  /** A sweep that expires more holds than this is logged as a warning. */
  highExpirationCount: number
  /** The longest a cart's hold on a key may last, counted from its first hold there (a resource's max_hold_minutes overrides it). */
  maxHoldMinutes: number
  /** The most units one cart may hold at once, across every key. */
  maxQuantityPerCart: number
  /** Released, expired and canceled holds older than this many days are deleted by the sweep (0: kept for ever). */
  retainFinishedHoldsDays: number
  /** Cleanup runs older than this many days are deleted by the sweep (0: kept for ever). */
  retainRunsDays: number
  /** false: the built-in job does nothing, the store runs the sweep command on cleanupSchedule instead. */
  scheduledCleanup: boolean
  /** An order with bookings still unpaid this many minutes after they were confirmed is canceled (0: off). */
  unpaidOrderTimeoutMinutes: number
  /** The payment statuses that count as unpaid. */
  unpaidPaymentStatuses: UnpaidPaymentStatus[]
  /** Which orders the timeout applies to: "checkout" (placed from a cart), "draft" (every other: converted drafts, orders made in the admin). */
  unpaidOrderSources: UnpaidOrderSource[]
  /** Who hears when health changes state (whatever the alertChannel's provider takes: e-mail addresses, a Slack channel…); none: no alerts. */
  alertRecipients: string[]
  /** The notification channel of alerts. */
  alertChannel: string
  /** The IANA time zone of resources that have none of their own: their days, "today" and cut-offs. */
  timeZone: string
}

/** Medusa's order payment statuses in which no money has been authorized or captured. */
export const UNPAID_PAYMENT_STATUSES = ["not_paid", "awaiting", "requires_action", "canceled"] as const
export type UnpaidPaymentStatus = (typeof UNPAID_PAYMENT_STATUSES)[number]
export const UNPAID_ORDER_SOURCES = ["checkout", "draft"] as const
export type UnpaidOrderSource = (typeof UNPAID_ORDER_SOURCES)[number]

export const DEFAULT_OPTIONS: ResourceBookingOptions = {
  holdTtlMinutes: 30,
  cleanupSchedule: "*/5 * * * *",
  cleanupBatchSize: 1000,
  slowCleanupMs: 5000,
  highExpirationCount: 100,
  maxHoldMinutes: 60,
  maxQuantityPerCart: 50,
  retainFinishedHoldsDays: 90,
  retainRunsDays: 30,
  scheduledCleanup: true,
  unpaidOrderTimeoutMinutes: 0,
  unpaidPaymentStatuses: ["not_paid", "awaiting", "requires_action"],
  unpaidOrderSources: ["checkout"],
  alertRecipients: [],
  alertChannel: "email",
  timeZone: "UTC",
}

// Environment variables win over medusa-config options (docs/design.md §3).
const ENV_OVERRIDES: Record<string, keyof ResourceBookingOptions> = {
  HOLD_TTL_MINUTES: "holdTtlMinutes",
  HOLD_CLEANUP_INTERVAL: "cleanupSchedule",
  CLEANUP_BATCH_SIZE: "cleanupBatchSize",
  MAX_HOLD_MINUTES: "maxHoldMinutes",
  MAX_QUANTITY_PER_CART: "maxQuantityPerCart",
  RETAIN_FINISHED_HOLDS_DAYS: "retainFinishedHoldsDays",
  RETAIN_RUNS_DAYS: "retainRunsDays",
  HOLD_CLEANUP_SCHEDULED: "scheduledCleanup",
  UNPAID_ORDER_TIMEOUT_MINUTES: "unpaidOrderTimeoutMinutes",
  UNPAID_PAYMENT_STATUSES: "unpaidPaymentStatuses",
  UNPAID_ORDER_SOURCES: "unpaidOrderSources",
  RESOURCE_BOOKING_ALERT_RECIPIENTS: "alertRecipients",
  RESOURCE_BOOKING_ALERT_CHANNEL: "alertChannel",
  BOOKING_TIME_ZONE: "timeZone",
}

const positiveInt = (name: string, max: number) => wholeNumber(name, 1, max, { coerce: true })

/** A list option: an array, or (from an env variable) a comma-separated string. */
const list = <T extends z.ZodType>(name: string, item: T) =>
  z.preprocess(
    (value) => (typeof value === "string" ? value.split(",").map((v) => v.trim()).filter(Boolean) : value),
    z.array(item, { error: `${name} must be a list (an array, or a comma-separated string in its env variable)` })
  )

const oneOf = <T extends readonly [string, ...string[]]>(name: string, values: T, why = "") =>
  z.enum(values, { error: (issue) => `${name} may hold only ${values.join(", ")}${why}; ${JSON.stringify(issue.input)} is not one` })

const optionsSchema = z
  .object({
    holdTtlMinutes: positiveInt("holdTtlMinutes", MAX_HOLD_TTL_MINUTES),
    cleanupSchedule: z
      .string({ error: "cleanupSchedule must be a cron expression string" })
      .refine(isValidCron, {
        error: "cleanupSchedule must be a valid cron expression, e.g. */5 * * * *",
      })
      .refine(firesOftenEnough, {
        error:
          "cleanupSchedule must fire at least every 24 days (Medusa's scheduler runs a job at once, again and again, when its next run is further away than a Node timer can wait)",
      }),
    cleanupBatchSize: positiveInt("cleanupBatchSize", MAX_CLEANUP_BATCH_SIZE),
    slowCleanupMs: positiveInt("slowCleanupMs", 24 * 60 * 60 * 1000),
    highExpirationCount: positiveInt("highExpirationCount", 10_000_000),
    maxHoldMinutes: positiveInt("maxHoldMinutes", MAX_HOLD_TTL_MINUTES),
    maxQuantityPerCart: positiveInt("maxQuantityPerCart", MAX_QUANTITY),
    // A cart's cap on a hold's life counts from its first hold on a key, finished
    // ones included: they must outlive the longest cap (7 days).
    retainFinishedHoldsDays: wholeNumber("retainFinishedHoldsDays", 0, MAX_RETAIN_DAYS, { coerce: true }).refine(
      (days) => days === 0 || days * 24 * 60 >= MAX_HOLD_TTL_MINUTES,
      { error: `retainFinishedHoldsDays must be 0 (keep for ever) or at least ${MAX_HOLD_TTL_MINUTES / 1440} (the longest a hold may last)` }
    ),
    retainRunsDays: wholeNumber("retainRunsDays", 0, MAX_RETAIN_DAYS, { coerce: true }),
    scheduledCleanup: z
      .union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")], {
        error: "scheduledCleanup must be true or false",
      }),
    unpaidOrderTimeoutMinutes: wholeNumber("unpaidOrderTimeoutMinutes", 0, MAX_HOLD_TTL_MINUTES * 4, { coerce: true }),
    unpaidPaymentStatuses: list(
      "unpaidPaymentStatuses",
      oneOf("unpaidPaymentStatuses", UNPAID_PAYMENT_STATUSES, " (an order whose money is authorized or captured is never canceled as unpaid)")
    ).refine((statuses) => statuses.length > 0, { error: "unpaidPaymentStatuses must name at least one status" }),
    unpaidOrderSources: list("unpaidOrderSources", oneOf("unpaidOrderSources", UNPAID_ORDER_SOURCES)),
    alertRecipients: list("alertRecipients", z.string({ error: "alertRecipients must be strings" }).min(1)),
    alertChannel: z.string({ error: "alertChannel must be a notification channel name, e.g. email" }).min(1, {
      error: "alertChannel must be a notification channel name, e.g. email",
    }),
    timeZone: z.string({ error: "timeZone must be an IANA time zone name" }).refine(isTimeZone, {
      error: "timeZone must be an IANA time zone name, e.g. Europe/Copenhagen or UTC",
    }),
  })
  // Medusa adds its own keys (e.g. database) to module options; ignore them.
  .passthrough()
  .refine((o) => o.maxHoldMinutes >= o.holdTtlMinutes, {
    path: ["maxHoldMinutes"],
    error: (issue) =>
      `maxHoldMinutes must be at least holdTtlMinutes (${(issue.input as { holdTtlMinutes: number }).holdTtlMinutes}): a hold may not outlive the cap on its life`,
  })

/**
 * Merges defaults, medusa-config options and env overrides, and validates the
 * result. Throws a MedusaError naming every bad option, so a misconfigured
 * store fails at boot instead of misbehaving later.
 */
export function resolveOptions(
  raw: Partial<Record<keyof ResourceBookingOptions, unknown>> = {},
  env: NodeJS.ProcessEnv = process.env
): ResourceBookingOptions {
  const merged: Record<string, unknown> = { ...DEFAULT_OPTIONS }
  for (const key of Object.keys(DEFAULT_OPTIONS)) {
    const value = (raw as Record<string, unknown>)[key]
    if (value !== undefined && value !== null) {
      merged[key] = value
    }
  }
  for (const [envName, key] of Object.entries(ENV_OVERRIDES)) {
    const value = env[envName]
    if (value !== undefined && value !== "") {
      merged[key] = value
    }
  }

  const parsed = optionsSchema.safeParse(merged)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0])
      const envName = Object.keys(ENV_OVERRIDES).find(
        (name) => ENV_OVERRIDES[name] === key && env[name]
      )
      const source = envName ? ` (from env ${envName})` : ""
      return `${issue.message}${source}, got ${JSON.stringify(merged[key])}`
    })
    invalid(`medusa-resource-booking: invalid plugin options: ${problems.join("; ")}`)
  }

  // Medusa adds its own keys to module options; keep only the plugin's.
  return Object.fromEntries(Object.keys(DEFAULT_OPTIONS).map((key) => [key, (parsed.data as any)[key]])) as ResourceBookingOptions
}
