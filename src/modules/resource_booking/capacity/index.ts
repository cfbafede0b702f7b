// Capacity: setting it per (day, slot), and what a shopper can book.
export * from "./set-capacity"
export * from "./availability"
