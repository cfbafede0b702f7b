// Every statement on holds, by what it serves; values are always bound
// parameters (integration-tests/reliability/sql-parameters.spec.ts).
export * from "./place"
export * from "./transitions"
export * from "./carts"
export * from "./orders"
export * from "./calls"
