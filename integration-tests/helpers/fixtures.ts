import type ResourceBookingModuleService from "../../src/modules/resource_booking/service"

let seq = 0

/** An active resource with `max` capacity on each of `dates`. */
export async function resourceWithCapacity(
  service: ResourceBookingModuleService,
  dates: string[],
  max: number,
  extra: Record<string, unknown> = {}
) {
  seq++
  const resource = await service.createResources({
    title: `Tour ${seq}`,
    handle: `tour-${seq}-${Date.now()}`,
    ...extra,
  } as any)
  const sorted = [...dates].sort()
  // One call per contiguous run would do; per-day keeps the helper obvious.
  for (const date of sorted) {
    await service.setCapacity(resource.id, { from: date, to: date, max_capacity: max })
  }
  return resource
}
