// Resources: their lifecycle (the safe delete, restore), and the slots they are sold by.
export * from "./find"
export * from "./lifecycle"
export * from "./set-slots"
export * from "./slot-rule"
export * from "./writes"
