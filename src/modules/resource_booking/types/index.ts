// The module's types, by concern; imported as one (`./types`).
export * from "./rows"
export * from "./holds"
export * from "./sweep"
export * from "./health"
export * from "./audit"
