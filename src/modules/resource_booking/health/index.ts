// Health: the report every process reads from the database alike.
export * from "./read"
export * from "./report"
export * from "./alert-state"
