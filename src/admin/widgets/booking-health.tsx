import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { HealthPanel } from "../components/health-panel"

const BookingHealthWidget = () => <HealthPanel />

// On the orders list, where an operator looks every day. Medusa 2.21 ignores
// the old ".before"/".after" zones: a widget comes after the page's own list
// unless the page's saved layout orders it first (the demo saves that;
// docs/admin.md shows the call). A saved layout names the widget by this id.
export const config = defineWidgetConfig({ zone: "order.list", id: "resource-booking.health" })

export default BookingHealthWidget
