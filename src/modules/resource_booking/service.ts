import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { EmitEvents, InjectManager, InjectTransactionManager, MedusaContext } from "@medusajs/framework/utils"
import { GuardedBookingService } from "./guarded-service"
import * as capacity from "./operations/capacity"
import * as cart from "./operations/cart-sync"
import { readHealth } from "./operations/health"
import * as holds from "./operations/holds"
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

type Ctx = Context<SqlEntityManager>

/**
 * The module's domain operations. Each that changes capacity or a hold runs
 * in one transaction under the advisory locks of the keys it touches; the
 * work is in operations/, one file per concern. The generated methods and
 * their guards are in guarded-service.ts.
 */
export default class ResourceBookingModuleService extends GuardedBookingService {
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

  /**
   * Per (day, slot): max, and what a shopper can hold now (overdue holds
   * count as free). `activeOnly`: an inactive resource is NOT_FOUND.
   */
  @InjectManager()
  async getAvailability(
    resourceId: string,
    range: { from: string; to: string },
    options: { activeOnly?: boolean } = {},
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<capacity.Availability[]> {
    return await capacity.getAvailability(this.op_(sharedContext), resourceId, range, options.activeOnly === true)
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

  /** The health report (docs/design.md §5); the same whichever process answers. */
  async getHealth(): Promise<HealthReport> {
    return await readHealth((sql, params) => this.runStatement_(sql, params), this.options_)
  }
}
