export * from "./confirm-holds"
export * from "./create-holds"
export * from "./extend-hold"
export * from "./release-holds"
