// The checks the generated createResources and updateResources run through
// (service.ts): no nested capacity or holds, stay fields that agree with the
// slots, and a change of slots only through setResourceSlots.
import { assertStayFields } from "../stays/fields"
import { assertNoNested, refuseSlotsBySelector, withCheckedSlots } from "./lifecycle"

type Row = Record<string, any>
const STAY_OR_SLOTS = ["min_nights", "max_nights", "slots"]

/** createResources' input, checked: returned with its slots normalized. */
export function checkedCreate<T>(data: T): T {
  assertNoNested(data, "createResources")
  for (const row of Array.isArray(data) ? data : [data]) {
    assertStayFields(row ?? {})
  }
  return withCheckedSlots(data)
}

/** updateResources by selector (`{ selector, data }`): stay fields checked; slots refused (no per-resource check is possible). */
export function checkSelectorUpdate(data: { data?: Row }): void {
  assertNoNested(data.data, "updateResources")
  if (data.data && ("min_nights" in data.data || "max_nights" in data.data)) {
    assertStayFields(data.data)
  }
  if (data.data && "slots" in data.data) {
    refuseSlotsBySelector()
  }
}

/** The rows of an update that change stay fields or slots. */
export const stayOrSlotRows = (rows: Row[]): Row[] => rows.filter((r) => r && typeof r === "object" && STAY_OR_SLOTS.some((k) => k in r))

/** Stay fields and slots as each resource would have them after the change (`current`: as they are): checked together, in words. */
export function checkStayChanges(rows: Row[], current: Row[]): void {
  for (const row of rows) {
    const was = current.find((c) => c.id === row.id)
    if (was) {
      assertStayFields({ ...was, ...row })
    }
  }
}
