import type { Hold } from "./types"

export const HOLD_STATUSES: Hold["status"][] = ["active", "confirmed", "released", "expired", "canceled"]

export const HOLD_STATUS_COLOR = {
  active: "blue",
  confirmed: "green",
  released: "grey",
  expired: "orange",
  canceled: "red",
} as const satisfies Record<Hold["status"], string>
