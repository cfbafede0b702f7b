// The plugin's workflows and steps (medusa-resource-booking/workflows). The
// handlers of Medusa's own hooks are in hooks/ and load with the plugin.
export { HoldEvents } from "../modules/resource_booking"
export * from "./capacity"
export * from "./holds"
export * from "./resources"
export * from "./sweep"
