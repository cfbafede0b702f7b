import type { Context } from "@medusajs/framework/types"
import {
  EmitEvents,
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaService,
} from "@medusajs/framework/utils"
import * as audit from "./audit"
import * as capacity from "./capacity"
import * as health from "./health"
import * as holds from "./holds"
import * as resources from "./resources"
import * as sweep from "./sweep"
import * as schedule from "./schedule"
import * as time from "./time"
import * as unpaid from "./unpaid"
import { refusing } from "./errors"
import { locksSwitchedOff } from "./locks"
import { AlertState, CleanupRun, Capacity, Hold, Resource } from "./models"
import { opOf, type Ctx, type Op } from "./op"
import type * as T from "./types"
import { resolveOptions, type ResourceBookingOptions } from "./utils/options"

type Day = Pick<T.CapacityDay, "date" | "slot">

const Generated = MedusaService({ Resource, Capacity, Hold, CleanupRun, AlertState })
// MedusaService types its methods as properties, so the overrides that add a
// check and defer to the generated method are properties too.
const generated = Generated.prototype

/**
 * The module's service in Medusa's shape: each public method makes the
 * context and sends the events noted during the call once its transaction
 * has committed (@InjectManager, @EmitEvents), and runs its work through the
 * protected transaction_ (@InjectTransactionManager). The work lives with
 * its concern (holds/, capacity/, resources/, sweep/, health/); every
 * operation that changes capacity or a hold runs under the advisory locks of
 * the keys it touches (locks.ts). Generated mutators that could bypass the
 * locks refuse, naming the operation to use; list* and retrieve* are Medusa's.
 */
export default class ResourceBookingModuleService extends Generated {
  protected readonly options_: ResourceBookingOptions
  /**
   * This process's placeHolds calls waiting on the same keys, sent together
   * (holds/place-batch.ts). Not with the negative control's locks off: its
   * race tests must meet the races the locks stop, not a queue in the process.
   */
  protected readonly placeBatcher_ = locksSwitchedOff(process.env) ? undefined : new holds.PlaceBatcher()

  constructor(container: Record<string, unknown>, options: Record<string, unknown> = {}) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = resolveOptions(options)
  }

  getOptions(): ResourceBookingOptions {
    return { ...this.options_ }
  }

  // ---- holds ---------------------------------------------------------------

  /** Holds capacity for every item or none (locks, lazy expiry, check and take in one statement). */
  @InjectManager()
  @EmitEvents()
  async placeHolds(items: T.HoldItemInput[], options: T.CreateHoldsOptions = {}, @MedusaContext() sharedContext: Ctx = {}): Promise<T.HoldRow[]> {
    // Inside a caller's transaction the request is that transaction's: it goes alone.
    const batcher = sharedContext.transactionManager ? undefined : this.placeBatcher_
    return await holds.placeHolds(this.direct_(sharedContext), items, options, batcher)
  }

  /** active → confirmed for holds that have not passed expires_at; others are left as they are. */
  @InjectManager()
  @EmitEvents()
  async confirmHolds(ids: string[], options: { order_id?: string | null } = {}, @MedusaContext() sharedContext: Ctx = {}): Promise<T.TransitionResult> {
    return await holds.confirmHolds(this.direct_(sharedContext), ids, options.order_id ?? null)
  }

  /** confirmed → active: the undo of a checkout that failed after confirming (only holds no order claimed). */
  @InjectManager()
  @EmitEvents()
  async unconfirmHolds(ids: string[], @MedusaContext() sharedContext: Ctx = {}): Promise<T.TransitionResult> {
    return await holds.unconfirmHolds(this.direct_(sharedContext), ids)
  }

  /** Writes each order's id on the holds its checkout confirmed; idempotent. */
  @InjectManager()
  async bindOrderHolds(pairs: { cart_id: string; order_id: string }[], @MedusaContext() sharedContext: Ctx = {}): Promise<string[]> {
    return await holds.bindOrderHolds(opOf(sharedContext, this.options_), pairs)
  }

  /** Carts whose checkout confirmed holds that no order has claimed yet. */
  @InjectManager()
  async unboundCheckoutCarts(limit?: number, @MedusaContext() sharedContext: Ctx = {}): Promise<string[]> {
    return await holds.unboundCheckoutCarts(opOf(sharedContext, this.options_), limit)
  }

  /** active → released, giving the quantity back; `strict` refuses a hold that is no longer active. */
  @InjectManager()
  @EmitEvents()
  async releaseHolds(ids: string[], options: { strict?: boolean } = {}, @MedusaContext() sharedContext: Ctx = {}): Promise<T.TransitionResult> {
    return await holds.releaseHolds(this.direct_(sharedContext), ids, options.strict === true)
  }

  /** confirmed → canceled, giving the quantity back; repeating it is a no-op. */
  @InjectManager()
  @EmitEvents()
  async cancelHolds(ids: string[], @MedusaContext() sharedContext: Ctx = {}): Promise<T.TransitionResult> {
    return await holds.cancelHolds(this.direct_(sharedContext), ids)
  }

  /** An order was canceled: its confirmed holds become canceled, exactly once (under the order's lock, in one transaction). */
  @InjectManager()
  @EmitEvents()
  async cancelOrderHolds(orderId: string, @MedusaContext() sharedContext: Ctx = {}): Promise<string[]> {
    return await this.transaction_((op) => holds.cancelOrderHolds(op, orderId), sharedContext)
  }

  /** Moves an active hold's expires_at later, by `minutes` or the plugin's TTL. */
  @InjectManager()
  @EmitEvents()
  async extendHold(id: string, minutes?: number, @MedusaContext() sharedContext: Ctx = {}): Promise<T.HoldRow> {
    return await holds.extendHold(this.direct_(sharedContext), id, minutes)
  }

  /** Undoes extendHold (its workflow's compensation): the expiry goes back. */
  @InjectManager()
  @EmitEvents()
  async restoreHoldExpiry(id: string, expiresAt: Date | string, @MedusaContext() sharedContext: Ctx = {}): Promise<void> {
    await holds.restoreHoldExpiry(this.direct_(sharedContext), id, expiresAt)
  }

  // ---- carts ---------------------------------------------------------------

  /** Whether a cart holds anything: a cart without bookings can skip syncCartHolds. */
  @InjectManager()
  async cartHasActiveHolds(cartId: string, @MedusaContext() sharedContext: Ctx = {}): Promise<boolean> {
    return await holds.cartHasActiveHolds(opOf(sharedContext, this.options_), cartId)
  }

  /** Makes a cart's holds match its booking lines; at checkout (`order_id`) confirms them too. */
  @InjectManager()
  @EmitEvents()
  async syncCartHolds(cartId: string, lines: T.BookingLine[], options: T.SyncCartHoldsOptions = {}, @MedusaContext() sharedContext: Ctx = {}): Promise<T.SyncCartHoldsResult> {
    return await holds.syncCartHolds(this.direct_(sharedContext), cartId, lines, options)
  }

  // ---- orders --------------------------------------------------------------

  /** Makes an order's holds (or one change's) match its booking lines: keep, give back (split), take. */
  @InjectManager()
  @EmitEvents()
  async syncOrderHolds(orderId: string, target: T.OrderHoldsTarget, @MedusaContext() sharedContext: Ctx = {}): Promise<T.OrderHoldsResult> {
    return await this.transaction_((op) => holds.syncOrderHolds(op, orderId, target), sharedContext)
  }

  // ---- capacity ------------------------------------------------------------

  /** Sets max_capacity from..to, in every slot or the `slots` given; refused below what holds use. */
  @InjectManager()
  @EmitEvents()
  async setCapacity(resourceId: string, input: { from: string; to: string; max_capacity: number; slots?: string[] }, @MedusaContext() sharedContext: Ctx = {}): Promise<T.CapacityRow[]> {
    return await this.transaction_((op) => capacity.setCapacity(op, resourceId, input), sharedContext)
  }

  /** Undoes setCapacity (its workflow's compensation). */
  @InjectManager()
  @EmitEvents()
  async restoreCapacity(resourceId: string, snapshot: (Day & { max_capacity: number })[], created: Day[], @MedusaContext() sharedContext: Ctx = {}): Promise<void> {
    await this.transaction_((op) => capacity.restoreCapacity(op, resourceId, snapshot, created), sharedContext)
  }

  /**
   * Per (day, slot): max, and what a shopper can hold now; `activeOnly`: an
   * inactive resource is NOT_FOUND. With `nights` (a resource sold by the
   * stay): per start day, whether a stay of that many nights is bookable.
   */
  @InjectManager()
  async getAvailability(
    resourceId: string,
    range: { from: string; to: string },
    options: { activeOnly?: boolean; nights?: number } = {},
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<T.AvailabilityDay[]> {
    const op = opOf(sharedContext, this.options_)
    return options.nights === undefined
      ? await capacity.getAvailability(op, resourceId, range, options.activeOnly === true)
      : await capacity.getStayAvailability(op, resourceId, range, options.nights, options.activeOnly === true)
  }

  // ---- weekly schedules ------------------------------------------------------

  /**
   * Sets a resource's weekly schedule (`rules: []` or null removes it) and
   * writes it out to its horizon under the resource's lock; exceptions stay,
   * and days whose holds use more than it gives keep that and are listed.
   */
  @InjectManager()
  @EmitEvents()
  async setSchedule(resourceId: string, input: { rules: schedule.ScheduleRule[] | null }, @MedusaContext() sharedContext: Ctx = {}): Promise<schedule.ScheduleResult> {
    return await this.transaction_((op) => schedule.setSchedule(op, resourceId, input), sharedContext)
  }

  /** Gives days set by hand (exceptions) from..to back to the schedule, written out at once. */
  @InjectManager()
  @EmitEvents()
  async followSchedule(
    resourceId: string,
    input: { from: string; to: string; slots?: string[] | null },
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<schedule.ScheduleResult & { days: { date: string; slot: string }[] }> {
    return await this.transaction_((op) => schedule.followSchedule(op, resourceId, input), sharedContext)
  }

  /**
   * The daily top-up: every scheduled resource whose days stop short of its
   * horizon is written on, each in its own transaction. Returns the keys written.
   */
  async topUpSchedules(): Promise<{ resources: number; written: number }> {
    const behind = await this.transaction_((op) => schedule.resourcesBehindHorizon(op))
    let written = 0
    for (const id of behind) {
      written += await this.transaction_((op) => schedule.topUpSchedule(op, id))
    }
    return { resources: behind.length, written }
  }

  // ---- resources -----------------------------------------------------------

  /** Changes the slots a resource is sold by; refused while a dropped slot is booked. */
  @InjectManager()
  @EmitEvents()
  async setResourceSlots(resourceId: string, slots: string[], @MedusaContext() sharedContext: Ctx = {}): Promise<string[]> {
    return await this.transaction_((op) => resources.setResourceSlots(op, resourceId, slots), sharedContext)
  }

  /** As generated, without nested capacity or holds, with checked slots and stay fields. */
  createResources: typeof generated.createResources = async (data: any, sharedContext?: Context) =>
    await generated.createResources.call(this, resources.checkedCreate(data), sharedContext)

  /** As generated, without nested capacity or holds; a change of `slots` goes through setResourceSlots, all or nothing. */
  updateResources: typeof generated.updateResources = async (data: any, ...rest: any[]) => {
    const update = (input: any, ...more: any[]) => (generated.updateResources as any).call(this, input, ...more)
    if (data && typeof data === "object" && "selector" in data) {
      resources.checkSelectorUpdate(data)
      return await update(data, ...rest)
    }
    resources.assertNoNested(data, "updateResources")
    const rows = Array.isArray(data) ? data : [data]
    const touched = resources.stayOrSlotRows(rows)
    if (touched.length) {
      const current = await this.listResources({ id: touched.map((r) => r.id) }, { select: ["id", "min_nights", "max_nights", "slots"], take: null })
      resources.checkStayChanges(touched, current)
    }
    if (!rows.some((row: any) => row && "slots" in row)) {
      return await update(data, ...rest)
    }
    const updated = await this.operation_(async (op, context) => {
      for (const row of rows.filter((r) => r && "slots" in r)) {
        await resources.setResourceSlots(op, row.id, row.slots)
      }
      return await update(rows.map(({ slots: _slots, ...row }: any) => row), context)
    }, rest[0])
    return Array.isArray(data) ? updated : updated[0]
  }

  /** The safe delete: refused while a resource has active or confirmed holds; its capacity goes with it. */
  softDeleteResources: typeof generated.softDeleteResources = async (ids, _config, sharedContext) =>
    await this.operation_((op) => resources.softDeleteResources(op, resources.idsOf(ids)), sharedContext as Ctx)

  /** Brings deleted resources back with the capacity deleted with them, recounted. */
  restoreResources: typeof generated.restoreResources = async (ids, _config, sharedContext) =>
    await this.operation_((op) => resources.restoreResources(op, resources.idsOf(ids)), sharedContext as Ctx)

  /** Deletes for good only resources nothing refers to (the undo of a create). */
  deleteResources: typeof generated.deleteResources = async (ids, sharedContext) =>
    await this.operation_((op) => resources.deleteUnusedResources(op, resources.idsOf(ids)), sharedContext as Ctx)

  // ---- sweep and health ----------------------------------------------------

  /**
   * Expires every overdue active hold and restores its capacity, in batches
   * that each commit on their own, outside any caller's transaction (the
   * context is only for the event group). Records a cleanup_run row.
   */
  @InjectManager()
  @EmitEvents()
  async cleanupExpiredHolds(input: T.CleanupInput = {}, @MedusaContext() sharedContext: Ctx = {}): Promise<T.CleanupResult> {
    const { note } = opOf(sharedContext, this.options_)
    return await sweep.cleanupExpiredHolds((sql, params) => this.runStatement_(sql, params), this.options_, input, note)
  }

  /** Today in `timeZone` (a resource's; null: the plugin's timeZone), by the database's clock: the "today" every check of the plugin uses. */
  async today(timeZone: string | null = null): Promise<string> {
    return await capacity.today((sql, params) => this.runStatement_(sql, params), timeZone ?? this.options_.timeZone)
  }

  /** Each key's start (ISO 8601 in its resource's zone) and whether it still sells now, and why not. */
  async saleWindows(keys: T.Key[], options: { cutoff?: boolean } = {}): Promise<time.SaleWindow[]> {
    return await time.saleWindows((sql, params) => this.runStatement_(sql, params), keys, this.options_.timeZone, options.cutoff !== false)
  }

  /** The keys whose sale is closed now (past, a skipped start, or started or past the cut-off with `cutoff`), in each resource's zone. */
  async closedSales(keys: T.Key[], options: { cutoff?: boolean } = {}): Promise<time.ClosedSale[]> {
    return await time.closedSales((sql, params) => this.runStatement_(sql, params), keys, this.options_.timeZone, options.cutoff !== false)
  }

  /** The books audit: live orders' booking lines their confirmed holds do not cover, and holds that cover none. */
  async auditBookings(input: { from?: string | null } = {}): Promise<T.AuditReport> {
    return await audit.auditBookings((sql, params) => this.runStatement_(sql, params), input)
  }

  /** The health report (docs/design.md); the same whichever process answers. */
  async getHealth(): Promise<T.HealthReport> {
    return await health.readHealth((sql, params) => this.runStatement_(sql, params), this.options_)
  }

  // ---- unpaid orders and alerts (the steps are workflows: src/workflows/sweep) --

  /** Orders with bookings past unpaidOrderTimeoutMinutes the unpaid-order step has not judged yet, oldest first (none when it is off). */
  async listUnjudgedOrders(input: { limit?: number } = {}): Promise<unpaid.UnjudgedOrder[]> {
    const limit = input.limit ?? this.options_.cleanupBatchSize
    return await unpaid.listUnjudgedOrders((sql, params) => this.runStatement_(sql, params), this.options_.unpaidOrderTimeoutMinutes, limit)
  }

  /** The step judged these orders (kept or canceled): their bookings leave its list. */
  async markOrdersJudged(orderIds: string[]): Promise<void> {
    await unpaid.markOrdersJudged((sql, params) => this.runStatement_(sql, params), orderIds)
  }

  /** Writes the unpaid-order step's count (and error) on its sweep's run record. */
  async recordUnpaidOrders(runId: string, input: { canceled: number; error?: string | null }): Promise<void> {
    await unpaid.recordUnpaidOrders((sql, params) => this.runStatement_(sql, params), runId, input.canceled, input.error ?? null)
  }

  /** Records health's state; returns the change to the one caller that made it, else null (alerts go out once per change). */
  async recordHealthState(status: T.HealthStatus, message: string | null = null): Promise<health.HealthChange | null> {
    return await health.recordHealthState((sql, params) => this.runStatement_(sql, params), status, message)
  }

  // ---- generated mutators that would bypass the invariant ------------------

  createHolds = refusing("createHolds", "placeHolds")
  updateHolds = refusing("updateHolds", "confirmHolds, releaseHolds, cancelHolds or extendHold")
  deleteHolds = refusing("deleteHolds", "releaseHolds (holds are the booking history and are kept)")
  softDeleteHolds = refusing("softDeleteHolds", "releaseHolds (holds are the booking history and are kept)")
  restoreHolds = refusing("restoreHolds", "placeHolds")
  createCapacities = refusing("createCapacities", "setCapacity")
  updateCapacities = refusing("updateCapacities", "setCapacity")
  deleteCapacities = refusing("deleteCapacities", "setCapacity with max_capacity 0, or softDeleteResources")
  softDeleteCapacities = refusing("softDeleteCapacities", "setCapacity with max_capacity 0, or softDeleteResources")
  restoreCapacities = refusing("restoreCapacities", "setCapacity, or restoreResources")
  createCleanupRuns = refusing("createCleanupRuns", "cleanupExpiredHolds (runs are its record)")
  updateCleanupRuns = refusing("updateCleanupRuns", "cleanupExpiredHolds (runs are its record)")
  // Not the invariant, but once-per-change alerts: only the compare-and-set moves the state.
  createAlertStates = refusing("createAlertStates", "recordHealthState")
  updateAlertStates = refusing("updateAlertStates", "recordHealthState")

  // ---- internals -----------------------------------------------------------

  /** What an override of a generated method runs through: as a public method, with its events. */
  @InjectManager()
  @EmitEvents()
  protected async operation_<R>(work: (op: Op, context: Ctx) => Promise<R>, @MedusaContext() sharedContext: Ctx = {}): Promise<R> {
    return await this.transaction_(work, sharedContext)
  }

  /**
   * The Op of a call that opens no transaction of its own: its locked part
   * is one statement (a function of holds/functions.ts), committed on its own
   * (autocommit) unless the caller passed a transaction.
   */
  protected direct_(sharedContext: Ctx): Op {
    return opOf(sharedContext, this.options_)
  }

  /** Runs `work` in this call's transaction (opened here unless the caller passed one). */
  @InjectTransactionManager()
  protected async transaction_<R>(work: (op: Op, context: Ctx) => Promise<R>, @MedusaContext() sharedContext: Ctx = {}): Promise<R> {
    return await work(opOf(sharedContext, this.options_), sharedContext)
  }

  /** One statement in its own short transaction (commits on return). */
  @InjectTransactionManager()
  protected async runStatement_(sql: string, params: unknown[], @MedusaContext() sharedContext: Ctx = {}): Promise<any[]> {
    return await sharedContext.transactionManager!.execute(sql, params)
  }
}
