import type { MedusaContainer } from "@medusajs/framework/types"

/**
 * Medusa runs one handler per workflow hook, and a second one stops the
 * server at boot. The plugin takes three hooks of Medusa's core flows
 * (docs/commerce.md); a store that wants its own rule there adds it here
 * instead, and the plugin's handler runs it, in the order added, inside the
 * same step and before its own work: a handler that throws refuses the
 * change before any capacity is taken, and what the earlier handlers did is
 * compensated. Each handler gets exactly the core hook's input.
 *
 *   import { sharedHooks } from "medusa-resource-booking/workflows"
 *   sharedHooks.completeCartValidate.add("no-weekend-checkout", async ({ cart }, { container }) => { ... })
 *
 * `invoke` may return a value (JSON: the workflow engine stores it); if the
 * workflow is rolled back later, `compensate` gets it back.
 */
export type SharedHookHandler<Input> = {
  invoke: (input: Input, context: { container: MedusaContainer }) => Promise<unknown> | unknown
  compensate?: (data: any, context: { container: MedusaContainer }) => Promise<void> | void
}

type Named<Input> = SharedHookHandler<Input> & { name: string }

/** What a shared hook's handlers left to compensate, by handler name. */
export type SharedHookRun = { name: string; data: unknown }[]

export class SharedHook<Input> {
  private readonly handlers_: Named<Input>[] = []

  /** Adds a store's handler; names are unique per hook. */
  add(
    name: string,
    invoke: SharedHookHandler<Input>["invoke"],
    compensate?: SharedHookHandler<Input>["compensate"]
  ): this {
    if (this.handlers_.some((h) => h.name === name)) {
      throw new Error(`A handler named "${name}" was already added to this hook of medusa-resource-booking`)
    }
    this.handlers_.push({ name, invoke, compensate })
    return this
  }

  /** Removes a handler (tests, or a store that replaces one at run time). */
  remove(name: string): void {
    const i = this.handlers_.findIndex((h) => h.name === name)
    if (i >= 0) {
      this.handlers_.splice(i, 1)
    }
  }

  /** Runs every handler in order; when one throws, those before it are compensated and the error goes on. */
  async run(input: Input, context: { container: MedusaContainer }): Promise<SharedHookRun> {
    const done: SharedHookRun = []
    try {
      for (const handler of this.handlers_) {
        done.push({ name: handler.name, data: (await handler.invoke(input, context)) ?? null })
      }
    } catch (e) {
      await this.compensate(done, context)
      throw e
    }
    return done
  }

  /** Compensates what `run` did, last first. */
  async compensate(done: SharedHookRun | undefined, context: { container: MedusaContainer }): Promise<void> {
    for (const { name, data } of [...(done ?? [])].reverse()) {
      await this.handlers_.find((h) => h.name === name)?.compensate?.(data, context)
    }
  }
}

/**
 * The hooks the plugin takes, open to the store's handlers:
 * - `cartValidate`: `refreshPaymentCollectionForCartWorkflow.hooks.validate`,
 *   at the end of every change of a cart's items (and of a cart created with items);
 * - `completeCartValidate`: `completeCartWorkflow.hooks.validate`, before the order is created;
 * - `orderCanceled`: `cancelOrderWorkflow.hooks.orderCanceled`.
 */
export const sharedHooks = {
  cartValidate: new SharedHook<{ input: { cart_id?: string; cart?: { id: string } }; cart: { id: string } }>(),
  completeCartValidate: new SharedHook<{ input: { id: string }; cart: Record<string, any> & { id: string } }>(),
  orderCanceled: new SharedHook<{ order: Record<string, any> & { id: string } }>(),
}
