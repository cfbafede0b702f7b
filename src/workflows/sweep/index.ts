export * from "./steps/cleanup-expired-holds"
export * from "./workflows/cleanup-expired-holds"
