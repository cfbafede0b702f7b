import type { Context } from "@medusajs/framework/types"
import {
  EmitEvents,
  generateEntityId,
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { HoldEvents } from "./events"
import { CleanupRun, Capacity, Hold, Resource } from "./models"
import type {
  CapacityRow,
  CleanupInput,
  CleanupResult,
  CreateHoldsOptions,
  HealthReport,
  HoldItemInput,
  HoldRow,
  TransitionResult,
} from "./types"
import { errorMessage } from "./utils/errors"
import { planCartHolds, type BookingLine, type CartHold, type SyncMode } from "./utils/cart-holds"
import { buildHealthReport, unreadableHealthReport, type HealthFigures } from "./utils/health"
import { resolveOptions, type ResourceBookingOptions } from "./utils/options"
import { schedulePeriodMs } from "./utils/schedule"
import * as SQL from "./utils/sql"
import {
  assertCalendarDay,
  assertId,
  assertIds,
  assertInt,
  daysBetween,
  MAX_QUANTITY,
} from "./utils/validate"

type Ctx = Context<SqlEntityManager>

const RESOURCE_BOOKING = "resource_booking"

type Key = { resource_id: string; date: string }

const MAX_ITEMS = 100
const MAX_TTL_MINUTES = 7 * 24 * 60
/** Consecutive batches that found only busy keys before a sweep gives up. */
const MAX_STALLED_BATCHES = 10

const json = (value: unknown) => JSON.stringify(value)

function uniqueKeys(items: Key[]): Key[] {
  const seen = new Map<string, Key>()
  for (const { resource_id, date } of items) {
    seen.set(`${resource_id}|${date}`, { resource_id, date })
  }
  return [...seen.values()]
}

function notAllowed(message: string): never {
  throw new MedusaError(MedusaError.Types.NOT_ALLOWED, message)
}

export default class ResourceBookingModuleService extends MedusaService({
  Resource,
  Capacity,
  Hold,
  CleanupRun,
}) {
  protected readonly options_: ResourceBookingOptions

  constructor(container: Record<string, unknown>, options: Record<string, unknown> = {}) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = resolveOptions(options)
  }

  getOptions(): ResourceBookingOptions {
    return { ...this.options_ }
  }

  // ---- holds ---------------------------------------------------------------

  /**
   * Holds capacity for one or more (resource, date, quantity) items, all or
   * nothing, in one transaction that locks every key in a fixed order, expires
   * the keys' overdue holds first, then checks and takes the capacity.
   */
  // @ts-expect-error: replaces the generated createHolds with the domain operation.
  async createHolds(
    items: HoldItemInput[],
    options: CreateHoldsOptions = {},
    sharedContext: Ctx = {}
  ): Promise<HoldRow[]> {
    return (await this.reserveHolds(items, options, sharedContext)).holds
  }

  /** createHolds, also naming the overdue holds it expired on the way (for events). */
  @InjectManager()
  @EmitEvents()
  @InjectTransactionManager()
  async reserveHolds(
    items: HoldItemInput[],
    options: CreateHoldsOptions = {},
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<{ holds: HoldRow[]; expired_ids: string[] }> {
    const normalized = this.validateItems_(items)
    const ttl =
      options.ttlMinutes === undefined || options.ttlMinutes === null
        ? null
        : assertInt(options.ttlMinutes, "ttlMinutes", 1, MAX_TTL_MINUTES)
    const em = sharedContext.transactionManager!
    const keys = uniqueKeys(normalized)

    const expired = await this.lockAndExpire_(em, keys, sharedContext)
    const withIds = normalized.map((item, ord) => ({
      ...item,
      id: generateEntityId(undefined, "hold"),
      ord,
    }))
    const holds: HoldRow[] = await em.execute(SQL.INSERT_HOLDS, [
      json(withIds),
      ttl,
      this.options_.holdTtlMinutes,
      options.cart_id ?? null,
      options.customer_id ?? null,
      options.metadata ? json(options.metadata) : null,
    ])
    if (holds.length !== withIds.length) {
      await this.explainRefusal_(em, normalized)
    }
    this.noteEvent_(sharedContext, HoldEvents.CREATED, holds.map((h) => h.id))
    return { holds, expired_ids: expired.map((e) => e.id) }
  }

  /** active → confirmed for holds that have not passed expires_at; others are left as they are. */
  @InjectManager()
  @EmitEvents()
  @InjectTransactionManager()
  async confirmHolds(
    ids: string[],
    options: { order_id?: string | null } = {},
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<TransitionResult> {
    return await this.transition_(ids, sharedContext, async (em, holdIds) => {
      const rows: { id: string }[] = await em.execute(SQL.CONFIRM_HOLDS, [
        options.order_id ?? null,
        json(holdIds),
      ])
      this.noteEvent_(sharedContext, HoldEvents.CONFIRMED, rows.map((r) => r.id))
      return rows.map((r) => r.id)
    })
  }

  /** active → released, giving the quantity back; repeating it is a no-op. */
  @InjectManager()
  @EmitEvents()
  @InjectTransactionManager()
  async releaseHolds(ids: string[], @MedusaContext() sharedContext: Ctx = {}): Promise<TransitionResult> {
    return await this.transition_(ids, sharedContext, async (em, holdIds) => {
      const rows: { id: string }[] = await em.execute(SQL.RELEASE_HOLDS, [json(holdIds)])
      this.noteEvent_(sharedContext, HoldEvents.RELEASED, rows.map((r) => r.id))
      return rows.map((r) => r.id)
    })
  }

  /** confirmed → canceled, giving the quantity back; repeating it is a no-op. */
  @InjectManager()
  @EmitEvents()
  @InjectTransactionManager()
  async cancelHolds(ids: string[], @MedusaContext() sharedContext: Ctx = {}): Promise<TransitionResult> {
    return await this.transition_(ids, sharedContext, async (em, holdIds) => {
      const rows: { id: string }[] = await em.execute(SQL.CANCEL_HOLDS, [json(holdIds)])
      this.noteEvent_(sharedContext, HoldEvents.CANCELED, rows.map((r) => r.id))
      return rows.map((r) => r.id)
    })
  }

  /** An order was canceled: its confirmed holds become canceled, exactly once. */
  @InjectManager()
  async cancelOrderHolds(orderId: string, @MedusaContext() sharedContext: Ctx = {}): Promise<string[]> {
    const found: { id: string }[] = await sharedContext.manager!.execute(
      SQL.CONFIRMED_HOLD_KEYS_FOR_ORDER,
      [assertId(orderId, "order_id")]
    )
    if (!found.length) {
      return []
    }
    return (await this.cancelHolds(found.map((h) => h.id), sharedContext)).changed_ids
  }

  /** Whether a cart holds anything: a cart without bookings can skip syncCartHolds. */
  @InjectManager()
  async cartHasActiveHolds(cartId: string, @MedusaContext() sharedContext: Ctx = {}): Promise<boolean> {
    const [{ found }] = await sharedContext.manager!.execute(SQL.CART_HAS_ACTIVE_HOLD, [
      assertId(cartId, "cart_id"),
    ])
    return found
  }

  /**
   * Makes a cart's holds match its booking lines, in one transaction under
   * the locks of every key involved: a new or changed line gets a hold of its
   * quantity (refused, changing nothing, when the capacity is not there), a
   * removed line's hold is released. At checkout (`order_id` given) every
   * line must be covered, lapsed holds are taken again when free, holds that
   * cover no line are released, and the holds are confirmed for the order in
   * the same transaction.
   */
  @InjectManager()
  @EmitEvents()
  @InjectTransactionManager()
  async syncCartHolds(
    cartId: string,
    lines: BookingLine[],
    options: { mode?: SyncMode; order_id?: string | null; customer_id?: string | null } = {},
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<{ created: HoldRow[]; released: string[]; confirmed: string[] }> {
    assertId(cartId, "cart_id")
    const mode: SyncMode = options.order_id ? "checkout" : options.mode ?? "follow"
    const checked = lines.length
      ? this.validateItems_(lines).map((item, i) => ({
          ...item,
          line_item_id: assertId(lines[i].line_item_id, `lines[${i}].line_item_id`),
        }))
      : []
    const em = sharedContext.transactionManager!
    const before: CartHold[] = await em.execute(SQL.CART_HOLDS, [cartId])
    const keys = uniqueKeys([...checked, ...before.filter((h) => h.status === "active")])
    if (keys.length) {
      await this.lockAndExpire_(em, keys, sharedContext)
    }
    const holds: CartHold[] = keys.length ? await em.execute(SQL.CART_HOLDS, [cartId]) : before
    const plan = planCartHolds(checked, holds, mode)

    let released: string[] = []
    if (plan.release.length) {
      const rows: { id: string }[] = await em.execute(SQL.RELEASE_HOLDS, [json(plan.release)])
      released = rows.map((r) => r.id)
      this.noteEvent_(sharedContext, HoldEvents.RELEASED, released)
    }
    let created: HoldRow[] = []
    if (plan.create.length) {
      const withIds = plan.create.map((line, ord) => ({ ...line, id: generateEntityId(undefined, "hold"), ord }))
      created = await em.execute(SQL.INSERT_HOLDS, [
        json(withIds),
        null,
        this.options_.holdTtlMinutes,
        cartId,
        options.customer_id ?? null,
        null,
      ])
      if (created.length !== withIds.length) {
        await this.explainRefusal_(em, plan.create)
      }
      this.noteEvent_(sharedContext, HoldEvents.CREATED, created.map((h) => h.id))
    }
    if (plan.bind.length) {
      await em.execute(SQL.BIND_HOLDS, [json(plan.bind)])
    }

    let confirmed: string[] = []
    if (options.order_id) {
      const covering = (await em.execute(SQL.CART_HOLDS, [cartId]) as CartHold[]).filter(
        (h) => h.status === "active" && h.line_item_id !== null
      )
      if (covering.length) {
        const rows: { id: string }[] = await em.execute(SQL.CONFIRM_HOLDS, [
          options.order_id,
          json(covering.map((h) => h.id)),
        ])
        confirmed = rows.map((r) => r.id)
        if (confirmed.length !== covering.length) {
          // A hold whose TTL ran out between the lock and here: the caller retries.
          const late = covering.find((h) => !confirmed.includes(h.id))!
          notAllowed(
            `The hold for resource ${late.resource_id} on ${late.date} expired during checkout; please try again`
          )
        }
        this.noteEvent_(sharedContext, HoldEvents.CONFIRMED, confirmed)
      }
    }
    return { created, released, confirmed }
  }

  /** Moves an active hold's expires_at later; an expired or finished hold cannot be extended. */
  @InjectManager()
  @EmitEvents()
  @InjectTransactionManager()
  async extendHold(
    id: string,
    minutes: number,
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<HoldRow> {
    assertInt(minutes, "minutes", 1, MAX_TTL_MINUTES)
    let extended: HoldRow | undefined
    const result = await this.transition_([id], sharedContext, async (em, holdIds) => {
      const rows: HoldRow[] = await em.execute(SQL.EXTEND_HOLD, [minutes, holdIds[0]])
      extended = rows[0]
      return rows.map((r) => r.id)
    })
    if (!extended) {
      const hold = result.holds[0]
      notAllowed(
        hold.status === "expired"
          ? `Hold ${hold.id} expired at ${new Date(hold.expires_at).toISOString()} and cannot be extended`
          : `Hold ${hold.id} is ${hold.status}; only active holds can be extended`
      )
    }
    return extended
  }

  // ---- capacity ------------------------------------------------------------

  /**
   * Sets max_capacity for every day from..to (inclusive). Refuses, changing
   * nothing, when a day's active and confirmed holds already use more.
   */
  @InjectManager()
  @EmitEvents()
  @InjectTransactionManager()
  async setCapacity(
    resourceId: string,
    input: { from: string; to: string; max_capacity: number },
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<CapacityRow[]> {
    assertId(resourceId, "resource_id")
    const days = daysBetween(input?.from, input?.to)
    const max = assertInt(input.max_capacity, "max_capacity", 0, MAX_QUANTITY)
    const em = sharedContext.transactionManager!

    const [resource] = await this.listResources({ id: resourceId }, { take: 1 }, sharedContext)
    if (!resource) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Resource with id "${resourceId}" was not found`)
    }
    const keys = days.map((date) => ({ resource_id: resourceId, date }))
    await this.lockAndExpire_(em, keys, sharedContext)

    const over: { date: string; used: number }[] = await em.execute(SQL.USED_OVER_MAX, [
      resourceId,
      json(days),
      max,
    ])
    if (over.length) {
      const list = over
        .slice(0, 5)
        .map((o) => `${o.date} (${o.used} held)`)
        .join(", ")
      notAllowed(
        `Cannot set max_capacity of resource "${resource.title}" (${resourceId}) to ${max}: active and confirmed holds already use more on ${list}${over.length > 5 ? ` and ${over.length - 5} more day(s)` : ""}`
      )
    }
    const rows: CapacityRow[] = await em.execute(SQL.UPSERT_CAPACITY, [
      json(days.map((date) => ({ id: generateEntityId(undefined, "rbcap"), date }))),
      resourceId,
      resourceId,
      max,
      max,
    ])
    return rows.sort((a, b) => a.date.localeCompare(b.date))
  }

  /**
   * What a shopper can book per day: available capacity plus what overdue
   * holds still keep (they are expired on the next write to their day).
   */
  @InjectManager()
  async getAvailability(
    resourceId: string,
    range: { from: string; to: string },
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<{ date: string; max_capacity: number; available_capacity: number }[]> {
    assertId(resourceId, "resource_id")
    const days = daysBetween(range?.from, range?.to)
    await this.retrieveResource(resourceId, {}, sharedContext)
    return await sharedContext.manager!.execute(SQL.AVAILABILITY, [
      resourceId,
      resourceId,
      days[0],
      days[days.length - 1],
    ])
  }

  /**
   * Deletes a resource and its capacity, refusing while it has active or
   * confirmed holds. Locks every day it has capacity for, so no hold can be
   * created in between the check and the delete.
   */
  @InjectManager()
  @EmitEvents()
  @InjectTransactionManager()
  async deleteResourceSafely(resourceId: string, @MedusaContext() sharedContext: Ctx = {}) {
    assertId(resourceId, "id")
    const resource = await this.retrieveResource(resourceId, {}, sharedContext)
    const em = sharedContext.transactionManager!
    const days: { date: string }[] = await em.execute(SQL.CAPACITY_DAYS, [resourceId])
    const keys = days.map(({ date }) => ({ resource_id: resourceId, date }))
    await this.lockAndExpire_(em, keys, sharedContext)
    const [{ holds }] = await em.execute(SQL.COUNT_LIVE_HOLDS, [resourceId])
    if (holds > 0) {
      notAllowed(
        `Resource "${resource.title}" (${resourceId}) has ${holds} active or confirmed hold(s) and cannot be deleted; deactivate it instead`
      )
    }
    await em.execute(SQL.SOFT_DELETE_RESOURCE, [resourceId, resourceId])
    return resource
  }

  /**
   * Puts a range of days back as a snapshot had them (the compensation of
   * setCapacity): old maxima for days that existed, and removes the days that
   * were created, under the same locks and checks as setCapacity.
   */
  @InjectTransactionManager()
  async restoreCapacity(
    resourceId: string,
    snapshot: { date: string; max_capacity: number }[],
    createdDays: string[],
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<void> {
    const em = sharedContext.transactionManager!
    const days = [...snapshot.map((s) => s.date), ...createdDays]
    await this.lockKeys_(em, days.map((date) => ({ resource_id: resourceId, date })))
    const byMax = new Map<number, string[]>()
    for (const { date, max_capacity } of snapshot) {
      byMax.set(max_capacity, [...(byMax.get(max_capacity) ?? []), date])
    }
    for (const [max, dates] of byMax) {
      const over = await em.execute(SQL.USED_OVER_MAX, [resourceId, json(dates), max])
      if (over.length) {
        notAllowed(`Cannot restore the capacity of ${resourceId}: holds now use more than ${max}`)
      }
      await em.execute(SQL.UPSERT_CAPACITY, [
        json(dates.map((date) => ({ id: generateEntityId(undefined, "rbcap"), date }))),
        resourceId,
        resourceId,
        max,
        max,
      ])
    }
    if (createdDays.length) {
      await em.execute(SQL.DELETE_UNUSED_DAYS, [resourceId, json(createdDays)])
    }
  }

  // ---- sweep ---------------------------------------------------------------

  /**
   * Expires every overdue active hold and restores its capacity, in batches of
   * one statement each, each batch its own transaction: a failed batch keeps
   * the work of earlier ones. Safe with any number of concurrent sweepers.
   * Records a cleanup_run row in every case.
   */
  @InjectManager()
  @EmitEvents()
  async cleanupExpiredHolds(
    input: CleanupInput = {},
    // Only for its event group and messages: each batch commits on its own,
    // outside any caller transaction.
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<CleanupResult> {
    const batchSize = assertInt(
      input.batchSize ?? this.options_.cleanupBatchSize,
      "batch_size",
      1,
      100_000
    )
    const trigger = input.trigger ?? "manual"
    if (trigger !== "schedule" && trigger !== "manual") {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `trigger must be "schedule" or "manual", got ${json(trigger)}`
      )
    }
    const dryRun = input.dryRun === true
    const run = await this.runQuery_(SQL.START_RUN, [
      generateEntityId(undefined, "rbrun"),
      trigger,
      dryRun,
    ])

    let expired = 0
    let restored = 0
    let batches = 0
    let error: string | null = null
    const expiredIds: string[] = []
    try {
      if (dryRun) {
        const [{ holds, quantity }] = await this.runQuery_(SQL.COUNT_OVERDUE, [])
        expired = holds
        restored = quantity
        batches = Math.ceil(holds / batchSize)
      } else {
        let stalled = 0
        for (;;) {
          const [b] = await this.runQuery_(SQL.SWEEP_BATCH, [batchSize])
          if (b.picked === 0) {
            break
          }
          if (b.expired_count > 0) {
            batches++
            expired += b.expired_count
            restored += b.capacity_restored
            expiredIds.push(...b.expired_ids)
            this.noteEvent_(sharedContext, HoldEvents.EXPIRED, b.expired_ids)
            stalled = 0
          } else if (++stalled >= MAX_STALLED_BATCHES) {
            break
          }
          if (b.busy_key) {
            // Another transaction owns a key we need: wait for it, holding nothing.
            await this.runQuery_(SQL.LOCK_KEYS, [json([b.busy_key])])
          } else if (b.picked < batchSize) {
            break
          }
        }
      }
    } catch (e) {
      error = errorMessage(e)
    }

    const [finished] = await this.runQuery_(SQL.FINISH_RUN, [
      expired,
      restored,
      batches,
      error,
      run[0].id,
    ])
    return {
      run_id: finished.id,
      expired_count: expired,
      capacity_restored: restored,
      duration_ms: finished.duration_ms,
      batches,
      dry_run: dryRun,
      error,
      expired_ids: expiredIds,
    }
  }

  // ---- health --------------------------------------------------------------

  /** DESIGN §4, from the database, so it is the same whichever process answers. */
  async getHealth(): Promise<HealthReport> {
    try {
      const period = schedulePeriodMs(this.options_.cleanupSchedule, new Date())
      const [figures] = await this.runQuery_(SQL.HEALTH_FIGURES, [period / 1000])
      return buildHealthReport(figures as HealthFigures, this.options_)
    } catch (e) {
      return unreadableHealthReport(e, this.options_)
    }
  }

  // ---- internals -----------------------------------------------------------

  /** One statement in its own short transaction (commits on return). */
  @InjectTransactionManager()
  protected async runQuery_(
    sql: string,
    params: unknown[],
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<any[]> {
    return await sharedContext.transactionManager!.execute(sql, params)
  }

  /**
   * Every hold transition emits its event: the messages are collected in the
   * context and sent by @EmitEvents after the transaction commits (decorator
   * order: InjectManager makes the context, EmitEvents wraps the transaction;
   * inside a
   * workflow, in the workflow's event group, so a compensated run sends none).
   */
  protected noteEvent_(sharedContext: Ctx, eventName: string, ids: string[]) {
    if (ids.length) {
      sharedContext.messageAggregator?.saveRawMessageData({
        eventName,
        source: RESOURCE_BOOKING,
        object: "hold",
        action: eventName.split(".").pop()!,
        data: { ids },
      })
    }
  }

  protected noteExpired_(sharedContext: Ctx, rows: { id: string }[]) {
    this.noteEvent_(sharedContext, HoldEvents.EXPIRED, rows.map((r) => r.id))
  }

  protected async lockKeys_(em: SqlEntityManager, keys: Key[]): Promise<void> {
    await em.execute(SQL.LOCK_KEYS, [json(keys)])
  }

  /** Locks the keys in order and expires their overdue holds: one statement. */
  protected async lockAndExpire_(em: SqlEntityManager, keys: Key[], sharedContext: Ctx) {
    const expired: { id: string }[] = await em.execute(SQL.LOCK_AND_EXPIRE_FOR_KEYS, [json(keys), json(keys)])
    this.noteExpired_(sharedContext, expired)
    return expired
  }

  /** Why INSERT_HOLDS took nothing, read under the same locks; always throws. */
  protected async explainRefusal_(em: SqlEntityManager, items: HoldItemInput[]): Promise<never> {
    const rows: any[] = await em.execute(SQL.CAPACITY_FOR_ITEMS, [json(items)])
    for (const row of rows) {
      const what = row.title ? `"${row.title}" (${row.resource_id})` : row.resource_id
      if (!row.resource_found) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `Resource with id "${row.resource_id}" was not found`)
      }
      if (!row.is_active) {
        notAllowed(`Resource ${what} is not active and cannot be booked`)
      }
      if (!row.capacity_found) {
        notAllowed(`Resource ${what} has no capacity on ${row.date}`)
      }
      if (row.available_capacity < row.need) {
        notAllowed(
          `Not enough capacity for resource ${what} on ${row.date}: requested ${row.need}, available ${row.available_capacity}`
        )
      }
    }
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "The holds could not be created; nothing was changed")
  }

  /**
   * The shared shape of confirm, release and extend: find the holds' keys,
   * lock them in order, expire what is overdue, then apply `apply`.
   */
  protected async transition_(
    ids: string[],
    sharedContext: Ctx,
    apply: (em: SqlEntityManager, ids: string[]) => Promise<string[]>
  ): Promise<TransitionResult> {
    const holdIds = assertIds(ids, "ids")
    const em = sharedContext.transactionManager!
    const found: (Key & { id: string })[] = await em.execute(SQL.HOLD_KEYS_BY_IDS, [json(holdIds)])
    if (found.length !== holdIds.length) {
      const known = new Set(found.map((h) => h.id))
      const missing = holdIds.filter((id) => !known.has(id))
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Hold(s) not found: ${missing.slice(0, 10).join(", ")}`
      )
    }
    const keys = uniqueKeys(found)
    const expired = await this.lockAndExpire_(em, keys, sharedContext)
    const changed = await apply(em, holdIds)
    const holds: HoldRow[] = await em.execute(SQL.HOLDS_BY_IDS, [json(holdIds)])
    const order = new Map(holdIds.map((id, i) => [id, i]))
    holds.sort((a, b) => order.get(a.id)! - order.get(b.id)!)
    return { holds, changed_ids: changed, expired_ids: expired.map((e) => e.id) }
  }

  protected validateItems_(items: unknown): HoldItemInput[] {
    if (!Array.isArray(items) || items.length === 0) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "items must be a non-empty array")
    }
    if (items.length > MAX_ITEMS) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `at most ${MAX_ITEMS} items can be held at once, got ${items.length}`
      )
    }
    return items.map((item: any, i) => ({
      resource_id: assertId(item?.resource_id, `items[${i}].resource_id`),
      date: assertCalendarDay(item?.date, `items[${i}].date`),
      quantity: assertInt(item?.quantity, `items[${i}].quantity`, 1, MAX_QUANTITY),
    }))
  }
}
