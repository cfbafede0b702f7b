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
import type { Op } from "./operations/context"
import { refusing } from "./operations/refuse"
import * as resources from "./operations/resources"
import { setResourceSlots } from "./operations/slots"
import { resolveOptions, type ResourceBookingOptions } from "./utils/options"

type Ctx = Context<SqlEntityManager>

const RESOURCE_BOOKING = "resource_booking"

const Generated = MedusaService({ Resource, Capacity, Hold, CleanupRun })
// The generated methods, for the overrides that add a check and then defer
// to them. MedusaService types its methods as properties, so overrides are
// properties too, keeping the generated signatures for callers.
const generated = Generated.prototype

/**
 * Medusa's generated service for the module's models, with one way in: the
 * generated mutators that could change capacity or holds without the locks
 * refuse and name the operation to use, and the resource ones that can keep
 * the invariant do (service.ts has the domain operations). list* and
 * retrieve* are Medusa's own. Also the plumbing every operation shares.
 *
 * Decorators: InjectManager makes the context, EmitEvents sends the events
 * noted during the call once its transaction has committed (inside a
 * workflow, in the workflow's event group), InjectTransactionManager opens
 * the transaction.
 */
export class GuardedBookingService extends Generated {
  protected readonly options_: ResourceBookingOptions

  constructor(container: Record<string, unknown>, options: Record<string, unknown> = {}) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = resolveOptions(options)
  }

  getOptions(): ResourceBookingOptions {
    return { ...this.options_ }
  }

  // ---- resources -----------------------------------------------------------

  /** As generated, but without nested capacity or holds, and with checked slots. */
  createResources: typeof generated.createResources = async (data: any, sharedContext?: Context) => {
    resources.assertNoNested(data, "createResources")
    return await generated.createResources.call(this, resources.withCheckedSlots(data), sharedContext)
  }

  /**
   * As generated, but without nested capacity or holds; a change of `slots`
   * goes through setResourceSlots (refused while a dropped slot is booked),
   * in the same transaction as the other fields: all or nothing.
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
    if (!rows.some((row: any) => row && "slots" in row)) {
      return await (generated.updateResources as any).call(this, data, ...rest)
    }
    const updated = await this.updateResourcesWithSlots_(rows, rest[0])
    return Array.isArray(data) ? updated : updated[0]
  }

  @InjectManager()
  @EmitEvents()
  @InjectTransactionManager()
  protected async updateResourcesWithSlots_(rows: any[], @MedusaContext() sharedContext: Ctx = {}): Promise<any[]> {
    for (const row of rows) {
      if (row && "slots" in row) {
        await setResourceSlots(this.op_(sharedContext), row.id, row.slots)
      }
    }
    const others = rows.map(({ slots: _slots, ...row }: any) => row)
    return await (generated.updateResources as any).call(this, others, sharedContext)
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

  /** What an operation of operations/ runs with, in this call's context. */
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
