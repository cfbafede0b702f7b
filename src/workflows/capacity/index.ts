export * from "./steps/set-capacity"
export * from "./workflows/set-capacity"
