// Local time: a resource's zone, its today, and when a day or slot stops selling.
export * from "./closed-sales"
export { localIso } from "./format"
