export { HoldEvents } from "../modules/resource_booking/events"
