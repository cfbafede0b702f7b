// Unpaid orders: which ones the step should judge, and its record.
export * from "./judged"
