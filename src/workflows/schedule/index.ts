export * from "./steps/follow-schedule"
export * from "./steps/set-schedule"
export * from "./workflows/follow-schedule"
export * from "./workflows/set-schedule"
