import { MedusaError } from "@medusajs/framework/utils"
import validateOptionsLoader from "../../src/modules/resource_booking/loaders/validate-options"
import { DEFAULT_OPTIONS, resolveOptions } from "../../src/modules/resource_booking/utils/options"

describe("plugin options", () => {
  it("defaults, medusa-config values, then env overrides", () => {
    expect(resolveOptions({}, {})).toEqual(DEFAULT_OPTIONS)
    expect(resolveOptions({ holdTtlMinutes: 15, cleanupBatchSize: 50 }, {})).toMatchObject({
      holdTtlMinutes: 15,
      cleanupBatchSize: 50,
    })
    expect(
      resolveOptions(
        { holdTtlMinutes: 15, cleanupSchedule: "*/5 * * * *" },
        { HOLD_TTL_MINUTES: "45", HOLD_CLEANUP_INTERVAL: "*/2 * * * *", CLEANUP_BATCH_SIZE: "250" }
      )
    ).toMatchObject({ holdTtlMinutes: 45, cleanupSchedule: "*/2 * * * *", cleanupBatchSize: 250 })
  })

  it("unpaid orders and alerts: lists from medusa-config or comma-separated env", () => {
    expect(resolveOptions({}, {})).toMatchObject({
      unpaidOrderTimeoutMinutes: 0,
      unpaidPaymentStatuses: ["not_paid", "awaiting", "requires_action"],
      unpaidOrderSources: ["checkout"],
      alertRecipients: [],
      alertChannel: "email",
    })
    expect(
      resolveOptions(
        { unpaidOrderSources: ["checkout"], alertRecipients: ["a@example.com"] },
        {
          UNPAID_ORDER_TIMEOUT_MINUTES: "15",
          UNPAID_ORDER_SOURCES: "checkout, draft",
          UNPAID_PAYMENT_STATUSES: "not_paid,canceled",
          RESOURCE_BOOKING_ALERT_RECIPIENTS: "ops@example.com, oncall@example.com",
          RESOURCE_BOOKING_ALERT_CHANNEL: "slack",
        }
      )
    ).toMatchObject({
      unpaidOrderTimeoutMinutes: 15,
      unpaidOrderSources: ["checkout", "draft"],
      unpaidPaymentStatuses: ["not_paid", "canceled"],
      alertRecipients: ["ops@example.com", "oncall@example.com"],
      alertChannel: "slack",
    })
  })

  it("the storefront's limits: maxHoldMinutes and maxQuantityPerCart from medusa-config or env", () => {
    expect(resolveOptions({}, {})).toMatchObject({ maxHoldMinutes: 60, maxQuantityPerCart: 50 })
    expect(resolveOptions({ maxHoldMinutes: 90, maxQuantityPerCart: 8 }, {})).toMatchObject({ maxHoldMinutes: 90, maxQuantityPerCart: 8 })
    expect(resolveOptions({ maxHoldMinutes: 90 }, { MAX_HOLD_MINUTES: "120", MAX_QUANTITY_PER_CART: "4" })).toMatchObject({
      maxHoldMinutes: 120,
      maxQuantityPerCart: 4,
    })
    // The cap may equal the TTL: a hold then cannot be extended at all.
    expect(resolveOptions({ holdTtlMinutes: 45, maxHoldMinutes: 45 }, {})).toMatchObject({ holdTtlMinutes: 45, maxHoldMinutes: 45 })
  })

  it.each([
    [{ holdTtlMinutes: 45, maxHoldMinutes: 30 }, {}, /maxHoldMinutes must be at least holdTtlMinutes \(45\): a hold may not outlive the cap on its life/],
    [{}, { HOLD_TTL_MINUTES: "90" }, /maxHoldMinutes must be at least holdTtlMinutes \(90\)/],
    [{ maxQuantityPerCart: 0 }, {}, /maxQuantityPerCart must be at least 1, got 0/],
    [{}, { MAX_HOLD_MINUTES: "ten" }, /maxHoldMinutes must be a number.*\(from env MAX_HOLD_MINUTES\)/],
    [{ holdTtlMinutes: 0 }, {}, /holdTtlMinutes must be at least 1, got 0/],
    [{ holdTtlMinutes: "abc" }, {}, /holdTtlMinutes must be a number/],
    [{ cleanupBatchSize: 2.5 }, {}, /cleanupBatchSize must be a whole number, got 2.5/],
    [{ cleanupSchedule: "every five minutes" }, {}, /cleanupSchedule must be a valid cron expression/],
    [{ cleanupSchedule: "0 0 1 1 *" }, {}, /cleanupSchedule must fire at least every 24 days/],
    [{}, { CLEANUP_BATCH_SIZE: "-3" }, /cleanupBatchSize must be at least 1 \(from env CLEANUP_BATCH_SIZE\), got "-3"/],
    [{}, { HOLD_CLEANUP_INTERVAL: "61 * * * *" }, /from env HOLD_CLEANUP_INTERVAL/],
    [{ slowCleanupMs: -1, highExpirationCount: 0 }, {}, /slowCleanupMs must be at least 1.*; highExpirationCount must be at least 1/],
    [{ unpaidPaymentStatuses: ["not_paid", "captured"] }, {}, /unpaidPaymentStatuses may hold only not_paid, awaiting, requires_action, canceled \(an order whose money is authorized or captured is never canceled as unpaid\); "captured" is not one/],
    [{ unpaidPaymentStatuses: [] }, {}, /unpaidPaymentStatuses must name at least one status/],
    [{}, { UNPAID_ORDER_SOURCES: "checkout,phone" }, /unpaidOrderSources may hold only checkout, draft; "phone" is not one \(from env UNPAID_ORDER_SOURCES\)/],
    [{ unpaidOrderTimeoutMinutes: -1 }, {}, /unpaidOrderTimeoutMinutes must be at least 0/],
    [{ alertRecipients: "ops@example.com" as any, alertChannel: "" }, {}, /alertChannel must be a notification channel name/],
  ])("refuses %j with env %j", (raw, env, message) => {
    const run = () => resolveOptions(raw as any, env as any)
    expect(run).toThrow(MedusaError)
    expect(run).toThrow(message)
    expect(run).toThrow(/^medusa-resource-booking: invalid plugin options: /)
  })

  it("the module loader fails the boot on invalid options", async () => {
    await expect(
      validateOptionsLoader({ options: { holdTtlMinutes: -5 } } as any)
    ).rejects.toThrow("holdTtlMinutes must be at least 1")
    await expect(validateOptionsLoader({ options: {} } as any)).resolves.toBeUndefined()
  })
})
