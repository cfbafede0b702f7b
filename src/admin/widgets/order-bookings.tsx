import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Button, Container, Heading, StatusBadge, Text } from "@medusajs/ui"
import { useState } from "react"
import { PanelState } from "../components/panel-state"
import { RescheduleBooking } from "../components/reschedule-booking"
import { useHolds } from "../hooks/booking"
import { HOLD_STATUS_COLOR } from "../lib/hold-status"
import { bookingWhen, groupStays } from "../lib/group-stays"
import { MAX_PAGE_SIZE } from "../../modules/resource_booking/utils/limits"

/** What the order booked (a stay as one row: check-in, check-out, nights), whether it still holds (canceled gave it back), and a way to move a booking. */
const OrderBookingsWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  // The resource's slots too: a departure moves to another departure.
  const { data, isLoading, error } = useHolds({ order_id: order.id, fields: "+resource.slots", limit: MAX_PAGE_SIZE, offset: 0 })
  const [moving, setMoving] = useState<string>()
  return (
    <Container className="divide-y p-0" data-testid="order-bookings">
      <div className="px-6 py-4">
        <Heading level="h2">Bookings</Heading>
      </div>
      <PanelState isLoading={isLoading} error={error} empty={data?.count === 0} emptyText="No bookings" />
      {groupStays(data?.holds ?? []).map((h) => (
        <div key={h.id}>
          <div className="flex items-center justify-between gap-x-4 px-6 py-3" data-testid={`order-booking-${h.id}`}>
            <div className="flex flex-col">
              <Text size="small" weight="plus">{h.resource?.title ?? h.resource_id}</Text>
              <Text size="small" className="text-ui-fg-subtle">
                {h.end_date ? `Check-in ${h.date} · check-out ${h.end_date} · ${h.nights} nights` : bookingWhen(h)} · {h.quantity} {h.quantity === 1 ? "unit" : "units"}
              </Text>
            </div>
            <div className="flex items-center gap-x-2">
              {h.status === "confirmed" && order.status !== "canceled" && moving !== h.id && (
                <Button size="small" variant="secondary" onClick={() => setMoving(h.id)}>Reschedule</Button>
              )}
              <StatusBadge color={HOLD_STATUS_COLOR[h.status]}>{h.status}</StatusBadge>
            </div>
          </div>
          {moving === h.id && <RescheduleBooking hold={h} stay={h.end_date ? { nights: h.nights! } : undefined} onDone={() => setMoving(undefined)} />}
        </div>
      ))}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "order.details.side.after" })

export default OrderBookingsWidget
