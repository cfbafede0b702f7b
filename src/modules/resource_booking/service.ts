import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import {
  EmitEvents,
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaService,
} from "@medusajs/framework/utils"
import { CleanupRun, Capacity, Hold, Resource } from "./models"
import * as capacity from "./operations/capacity"
import * as cart from "./operations/cart-sync"
import type { Op } from "./operations/context"
import { readHealth } from "./operations/health"
import * as holds from "./operations/holds"
import { refusing } from "./operations/refuse"
import * as resources from "./operations/resources"
import { setResourceSlots } from "./operations/slots"
import { cleanupExpiredHolds } from "./operations/sweep"
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
import type { BookingLine } from "./utils/cart-holds"
import { resolveOptions, type ResourceBookingOptions } from "./utils/options"

type Ctx = Context<SqlEntityManager>

const RESOURCE_BOOKING = "resource_booking"

/**
 * The module's one way in. Every operation that changes capacity or a hold
 * is a method here, running in one transaction under the advisory locks of
 * the keys it touches (operations/). The generated mutators that could
 * break the invariant refuse and name the operation to use; list* and
 * retrieve* stay as Medusa generates them.
 *
 * Decorators: InjectManager makes the context, EmitEvents sends the events
 * noted during the call once its transaction has committed (inside a
 * workflow, in the workflow's event group), InjectTransactionManager opens
 * the transaction.
 */
const ResourceBookingServiceBase = MedusaService({ Resource, Capacity, Hold, CleanupRun })
// The generated methods, for the overrides that add a check and then defer
// to them. MedusaService types its methods as properties, so overrides are
// properties too, keeping the generated signatures for callers.
const generated = ResourceBookingServiceBase.prototype

export default class ResourceBookingModuleService extends ResourceBookingServiceBase {
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
   * nothing: locks every key in a fixed order, expires the keys' overdue
   * holds, then checks and takes the capacity.
   */
  @InjectManager()
  @EmitEvents()
  @InjectTransactionManager()
  async placeHolds(
    items: HoldItemInput[],
    options: CreateHoldsOptions = {},
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<HoldRow[]> {
    return await holds.placeHolds(this.op_(sharedContext), items, options)
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
    return await holds.confirmHolds(this.op_(sharedContext), ids, options.order_id ?? null)
  }

  /**
   * active → released, giving the quantity back; repeating it is a no-op.
   * With `strict`, a hold that is confirmed, expired or canceled is refused
   * (NOT_ALLOWED) and nothing changes.
   */
  @InjectManager()
  @EmitEvents()
  @InjectTransactionManager()
  async releaseHolds(
    ids: string[],
    options: { strict?: boolean } = {},
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<TransitionResult> {
    return await holds.releaseHolds(this.op_(sharedContext), ids, options.strict === true)
  }

  /** confirmed → canceled, giving the quantity back; repeating it is a no-op. */
  @InjectManager()
  @EmitEvents()
  @InjectTransactionManager()
  async cancelHolds(ids: string[], @MedusaContext() sharedContext: Ctx = {}): Promise<TransitionResult> {
    return await holds.cancelHolds(this.op_(sharedContext), ids)
  }

  /** An order was canceled: its confirmed holds become canceled, exactly once. */
  @InjectManager()
  @EmitEvents()
  @InjectTransactionManager()
  async cancelOrderHolds(orderId: string, @MedusaContext() sharedContext: Ctx = {}): Promise<string[]> {
    return await holds.cancelOrderHolds(this.op_(sharedContext), orderId)
  }

  /** Moves an active hold's expires_at later, by `minutes` or the plugin's TTL. */
  @InjectManager()
  @EmitEvents()
  @InjectTransactionManager()
  async extendHold(id: string, minutes?: number, @MedusaContext() sharedContext: Ctx = {}): Promise<HoldRow> {
    return await holds.extendHold(this.op_(sharedContext), id, minutes)
  }

  /** Undoes extendHold (its workflow's compensation): the expiry goes back. */
  @InjectManager()
  @EmitEvents()
  @InjectTransactionManager()
  async restoreHoldExpiry(
    id: string,
    expiresAt: Date | string,
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<void> {
    await holds.restoreHoldExpiry(this.op_(sharedContext), id, expiresAt)
  }

  // ---- carts ---------------------------------------------------------------

  /** Whether a cart holds anything: a cart without bookings can skip syncCartHolds. */
  @InjectManager()
  async cartHasActiveHolds(cartId: string, @MedusaContext() sharedContext: Ctx = {}): Promise<boolean> {
    return await holds.cartHasActiveHolds(this.op_(sharedContext), cartId)
  }

  /**
   * Makes a cart's holds match its booking lines (docs/commerce.md); at
   * checkout (`order_id` given) also confirms them for the order, in the
   * same transaction.
   */
  @InjectManager()
  @EmitEvents()
  @InjectTransactionManager()
  async syncCartHolds(
    cartId: string,
    lines: BookingLine[],
    options: cart.SyncCartHoldsOptions = {},
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<cart.SyncCartHoldsResult> {
    return await cart.syncCartHolds(this.op_(sharedContext), cartId, lines, options)
  }

  // ---- capacity ------------------------------------------------------------

  /**
   * Sets max_capacity for every day from..to, in every slot of the resource
   * or the `slots` given; refused below what holds use.
   */
  @InjectManager()
  @EmitEvents()
  @InjectTransactionManager()
  async setCapacity(
    resourceId: string,
    input: { from: string; to: string; max_capacity: number; slots?: string[] },
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<CapacityRow[]> {
    return await capacity.setCapacity(this.op_(sharedContext), resourceId, input)
  }

  /** Undoes setCapacity (its workflow's compensation). */
  @InjectManager()
  @EmitEvents()
  @InjectTransactionManager()
  async restoreCapacity(
    resourceId: string,
    snapshot: (capacity.DayKey & { max_capacity: number })[],
    created: capacity.DayKey[],
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<void> {
    await capacity.restoreCapacity(this.op_(sharedContext), resourceId, snapshot, created)
  }

  /** Per (day, slot): max, and what a shopper can hold now (overdue holds count as free). */
  @InjectManager()
  async getAvailability(
    resourceId: string,
    range: { from: string; to: string },
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<capacity.Availability[]> {
    return await capacity.getAvailability(this.op_(sharedContext), resourceId, range)
  }

  // ---- resources -----------------------------------------------------------

  /** As generated, but without nested capacity or holds, and with checked slots. */
  createResources: typeof generated.createResources = async (data: any, sharedContext?: Context) => {
    resources.assertNoNested(data, "createResources")
    return await generated.createResources.call(this, resources.withCheckedSlots(data), sharedContext)
  }

  /**
   * As generated, but without nested capacity or holds; a change of `slots`
   * goes through setResourceSlots first (refused while a dropped slot is
   * booked), then the other fields are updated.
   */
  updateResources: typeof generated.updateResources = async (data: any, ...rest: any[]) => {
    resources.assertNoNested(data, "updateResources")
    if (data && typeof data === "object" && "selector" in data) {
      resources.assertNoNested(data.data, "updateResources")
      if (data.data && "slots" in data.data) {
        resources.refuseSlotsBySelector()
      }
      return await (generated.updateResources as any).call(this, data, ...rest)
    }
    const rows = Array.isArray(data) ? data : [data]
    for (const row of rows) {
      if (row && "slots" in row) {
        await this.setResourceSlots(row.id, row.slots, rest[0])
      }
    }
    const others = rows.map(({ slots: _slots, ...row }: any) => row)
    return await (generated.updateResources as any).call(this, Array.isArray(data) ? others : others[0], ...rest)
  }

  /** Changes the slots a resource is sold by (docs/design.md §9); returns them in time order. */
  @InjectManager()
  @EmitEvents()
  @InjectTransactionManager()
  async setResourceSlots(
    resourceId: string,
    slots: string[],
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<string[]> {
    return await setResourceSlots(this.op_(sharedContext), resourceId, slots)
  }

  /** The safe delete: refused while a resource has active or confirmed holds; its capacity goes with it. */
  softDeleteResources: typeof generated.softDeleteResources = async (ids, _config, sharedContext) =>
    await this.softDeleteResources_(ids, sharedContext as Ctx)

  /** Brings deleted resources back with the capacity deleted with them, recounted. */
  restoreResources: typeof generated.restoreResources = async (ids, _config, sharedContext) =>
    await this.restoreResources_(ids, sharedContext as Ctx)

  /** Deletes for good only resources nothing refers to (the undo of a create). */
  deleteResources: typeof generated.deleteResources = async (ids, sharedContext) =>
    await this.deleteResources_(ids, sharedContext as Ctx)

  @InjectManager()
  @EmitEvents()
  @InjectTransactionManager()
  protected async softDeleteResources_(ids: unknown, @MedusaContext() sharedContext: Ctx = {}): Promise<void> {
    await resources.softDeleteResources(this.op_(sharedContext), resources.idsOf(ids))
  }

  @InjectManager()
  @EmitEvents()
  @InjectTransactionManager()
  protected async restoreResources_(ids: unknown, @MedusaContext() sharedContext: Ctx = {}): Promise<void> {
    await resources.restoreResources(this.op_(sharedContext), resources.idsOf(ids))
  }

  @InjectManager()
  @InjectTransactionManager()
  protected async deleteResources_(ids: unknown, @MedusaContext() sharedContext: Ctx = {}): Promise<void> {
    await resources.deleteUnusedResources(this.op_(sharedContext), resources.idsOf(ids))
  }

  // ---- sweep and health ----------------------------------------------------

  /**
   * Expires every overdue active hold and restores its capacity, in batches
   * that each commit on their own, outside any caller's transaction (the
   * context is only for the event group). Records a cleanup_run row.
   */
  @InjectManager()
  @EmitEvents()
  async cleanupExpiredHolds(input: CleanupInput = {}, @MedusaContext() sharedContext: Ctx = {}): Promise<CleanupResult> {
    return await cleanupExpiredHolds(
      (sql, params) => this.runStatement_(sql, params),
      this.options_,
      input,
      (eventName, ids) => this.noteEvent_(sharedContext, eventName, ids)
    )
  }

  /** docs/design.md §4; the same whichever process answers. */
  async getHealth(): Promise<HealthReport> {
    return await readHealth((sql, params) => this.runStatement_(sql, params), this.options_)
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

  // ---- internals -----------------------------------------------------------

  protected op_(sharedContext: Ctx): Op {
    return {
      em: (sharedContext.transactionManager ?? sharedContext.manager)!,
      options: this.options_,
      note: (eventName, ids) => this.noteEvent_(sharedContext, eventName, ids),
    }
  }

  /** One statement in its own short transaction (commits on return). */
  @InjectTransactionManager()
  protected async runStatement_(
    sql: string,
    params: unknown[],
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<any[]> {
    return await sharedContext.transactionManager!.execute(sql, params)
  }

  /** Records a hold event, sent by @EmitEvents once the transaction commits. */
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
}
