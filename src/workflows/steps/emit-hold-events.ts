import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { HoldEvents } from "../events"

export type HoldEventsInput = {
  created?: string[]
  confirmed?: string[]
  released?: string[]
  expired?: string[]
  /** At most this many ids per event (the sweep emits one event per batch). */
  chunk?: number
}

const NAMES: Record<Exclude<keyof HoldEventsInput, "chunk">, string> = {
  created: HoldEvents.CREATED,
  confirmed: HoldEvents.CONFIRMED,
  released: HoldEvents.RELEASED,
  expired: HoldEvents.EXPIRED,
}

/**
 * Emits the hold events of a workflow in its event group, so Medusa releases
 * them only when the workflow succeeds (and drops them if it is compensated).
 */
export const emitHoldEventsStep = createStep(
  "resource-booking-emit-hold-events",
  async (input: HoldEventsInput, { container, eventGroupId }) => {
    const chunk = input.chunk ?? 1000
    const messages: { name: string; data: { ids: string[] }; metadata: Record<string, unknown> }[] = []
    for (const [key, name] of Object.entries(NAMES)) {
      const ids = input[key as keyof typeof NAMES] ?? []
      for (let i = 0; i < ids.length; i += chunk) {
        messages.push({ name, data: { ids: ids.slice(i, i + chunk) }, metadata: { eventGroupId } })
      }
    }
    if (!messages.length) {
      return new StepResponse(undefined)
    }
    await container.resolve(Modules.EVENT_BUS).emit(messages)
    return new StepResponse(undefined, { eventGroupId, names: [...new Set(messages.map((m) => m.name))] })
  },
  async (emitted, { container }) => {
    if (emitted?.eventGroupId) {
      await container
        .resolve(Modules.EVENT_BUS)
        .clearGroupedEvents(emitted.eventGroupId, { eventNames: emitted.names })
    }
  }
)
