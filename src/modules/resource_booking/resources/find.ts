import { notFound } from "../errors"
import type { Op } from "../op"
import * as SQL from "./sql"

export type FoundResource = {
  id: string
  title: string
  slots: string[]
  is_active: boolean
  min_nights: number | null
  max_nights: number | null
}

/** The resource, not deleted; NOT_FOUND otherwise. */
export async function findResource(op: Op, resourceId: string): Promise<FoundResource> {
  const [resource]: FoundResource[] = await op.em.execute(SQL.RESOURCE_BY_ID, [resourceId])
  return resource ?? notFound(`Resource with id "${resourceId}" was not found`)
}
