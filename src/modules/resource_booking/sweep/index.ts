// The sweep: expiring overdue holds in set-based batches, and the record of its runs.
export * from "./cleanup"
