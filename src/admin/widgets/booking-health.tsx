import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { HealthPanel } from "../components/health-panel"

// Above the orders list: where an operator looks every day.
const BookingHealthWidget = () => <HealthPanel />

export const config = defineWidgetConfig({ zone: "order.list.before" })

export default BookingHealthWidget
