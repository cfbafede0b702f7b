import { Button, Input, Label, Select, toast } from "@medusajs/ui"
import { useState } from "react"
import type { AdminHold } from "../../api/types"
import { useReschedule } from "../hooks/booking"

/**
 * "Can we move to Thursday?": moves a confirmed booking, or some of its
 * units, to another day (and departure) of its resource. The plugin edits
 * the order (its line says the new day) and moves the places in one go, or
 * refuses when the new day is full. A stay moves whole, keeping its nights:
 * the day chosen is its new check-in.
 */
export const RescheduleBooking = ({ hold, stay, onDone }: { hold: AdminHold; stay?: { nights: number }; onDone: () => void }) => {
  const slots = (hold.resource?.slots as string[] | undefined) ?? []
  const [date, setDate] = useState(hold.date)
  const [slot, setSlot] = useState(hold.slot || slots[0] || "")
  const [quantity, setQuantity] = useState(hold.quantity)
  const reschedule = useReschedule()
  const save = () =>
    reschedule.mutate(
      { id: hold.id, date, ...(slots.length ? { slot } : {}), quantity },
      {
        onSuccess: () => {
          toast.success(stay ? `Moved ${quantity} to ${date} (${stay.nights} nights)` : `Moved ${quantity} to ${date}${slots.length ? ` ${slot}` : ""}`)
          onDone()
        },
        onError: (e) => toast.error(e.message),
      }
    )
  return (
    <div className="flex flex-wrap items-end gap-2 px-6 pb-3" data-testid={`reschedule-${hold.id}`}>
      <div className="flex flex-col gap-y-1">
        <Label size="xsmall" htmlFor={`move-date-${hold.id}`}>{stay ? "New check-in" : "New day"}</Label>
        <Input id={`move-date-${hold.id}`} size="small" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      </div>
      {!!slots.length && (
        <div className="flex flex-col gap-y-1">
          <Label size="xsmall">Departure</Label>
          <Select size="small" value={slot} onValueChange={setSlot}>
            <Select.Trigger aria-label="Departure"><Select.Value /></Select.Trigger>
            <Select.Content>
              {slots.map((s) => <Select.Item key={s} value={s}>{s}</Select.Item>)}
            </Select.Content>
          </Select>
        </div>
      )}
      <div className="flex flex-col gap-y-1">
        <Label size="xsmall" htmlFor={`move-qty-${hold.id}`}>Units</Label>
        <Input
          id={`move-qty-${hold.id}`}
          size="small"
          type="number"
          min={1}
          max={hold.quantity}
          value={quantity}
          onChange={(e) => setQuantity(Number(e.target.value))}
          className="w-20"
        />
      </div>
      <Button size="small" onClick={save} isLoading={reschedule.isPending}>Move</Button>
      <Button size="small" variant="transparent" onClick={onDone}>Cancel</Button>
    </div>
  )
}
