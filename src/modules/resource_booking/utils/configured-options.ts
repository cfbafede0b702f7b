import { configManager } from "@medusajs/framework/config"
import { PACKAGE_NAME, RESOURCE_BOOKING_MODULE } from "../constants"
import { resolveOptions, type ResourceBookingOptions } from "./options"

type Entry = { resolve?: string; options?: Record<string, unknown> } | string | false | undefined

function optionsOf(entry: Entry): Record<string, unknown> | undefined {
  return entry && typeof entry === "object" ? entry.options : undefined
}

/**
 * The plugin options as medusa-config declares them, for code that runs before
 * the module is resolved (a job's schedule is read when its file is imported).
 * Looks for the plugin entry first, then a module entry of resource_booking.
 */
export function configuredOptions(): ResourceBookingOptions {
  let raw: Record<string, unknown> | undefined
  try {
    const config = configManager.config
    const plugin = (config.plugins ?? []).find(
      (p: Entry) => typeof p === "object" && !!p && p.resolve === PACKAGE_NAME
    ) as Entry
    const modules = (config.modules ?? {}) as Record<string, Entry>
    const moduleEntry =
      modules[RESOURCE_BOOKING_MODULE] ??
      Object.values(modules).find(
        (m) => typeof m === "object" && !!m && !!m.resolve?.replace(/\\/g, "/").includes(`modules/${RESOURCE_BOOKING_MODULE}`)
      )
    raw = optionsOf(plugin) ?? optionsOf(moduleEntry)
  } catch {
    // No config loaded (e.g. a build step importing the file): defaults and env apply.
  }
  return resolveOptions(raw ?? {})
}
