import type { AdminHold } from "../../api/types"

export const HOLD_STATUS_COLOR = {
  active: "blue",
  confirmed: "green",
  released: "grey",
  expired: "orange",
  canceled: "red",
} as const satisfies Record<AdminHold["status"], string>

/** Every status a hold can have (the colors name each one, checked against the model). */
export const HOLD_STATUSES = Object.keys(HOLD_STATUS_COLOR) as AdminHold["status"][]
