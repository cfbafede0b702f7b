// The books audit: live orders' booking lines against their confirmed holds.
export * from "./read"
