import type { HoldRow } from "../../modules/resource_booking"

/** A hold as the API shows it (no soft-delete column). */
export function hold({ deleted_at: _deleted, ...rest }: HoldRow) {
  return rest
}
