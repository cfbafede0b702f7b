import { invalid } from "../errors"
import { MAX_STAY_NIGHTS } from "../utils/limits"
import { assertInt } from "../utils/validate"

/**
 * A resource's stay fields as they would be after a change (`next`, the row
 * merged over what it was): both set or both null, 1 ≤ min ≤ max ≤
 * MAX_STAY_NIGHTS, and no slots. The same rule as the table's CHECK, in words.
 */
export function assertStayFields(next: { min_nights?: unknown; max_nights?: unknown; slots?: unknown }): void {
  const min = next.min_nights ?? null
  const max = next.max_nights ?? null
  if (min === null && max === null) {
    return
  }
  if (min === null || max === null) {
    invalid("min_nights and max_nights are set together (a resource sold by the stay) or both left null")
  }
  assertInt(min, "min_nights", 1, MAX_STAY_NIGHTS)
  assertInt(max, "max_nights", 1, MAX_STAY_NIGHTS)
  if ((max as number) < (min as number)) {
    invalid(`max_nights (${max}) must not be less than min_nights (${min})`)
  }
  if (Array.isArray(next.slots) && next.slots.length) {
    invalid("A resource sold by the stay (min_nights, max_nights) is booked by the night and has no slots")
  }
}
