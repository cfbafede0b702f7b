import { Button, Checkbox, Container, Heading, Input, Label, Text, toast } from "@medusajs/ui"
import type { AdminResource, CapacityDay } from "../../api/types"
import { MAX_QUANTITY } from "../../modules/resource_booking/utils/limits"
import { useState } from "react"
import { useCapacity, useSetCapacity } from "../hooks/booking"
import { PanelState } from "./panel-state"

const iso = (d: Date) => d.toISOString().slice(0, 10)

/**
 * A month of a resource's days: available / max per day, or per slot for a
 * resource sold by the slot, and a form to set a range (some slots or all).
 */
export const CapacityCalendar = ({ resource }: { resource: AdminResource }) => {
  const [month, setMonth] = useState(() => {
    const d = new Date()
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1))
  })
  const first = iso(month)
  const last = iso(new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 0)))
  const { data, isLoading, error } = useCapacity(resource.id, first, last)
  const setCapacity = useSetCapacity(resource.id)
  const [range, setRange] = useState({ from: first, to: last, max: "10" })
  const slots = resource.slots ?? []
  const [chosen, setChosen] = useState<string[]>(slots)
  const byDate = new Map<string, CapacityDay[]>()
  for (const c of data?.capacity ?? []) {
    byDate.set(c.date, [...(byDate.get(c.date) ?? []), c])
  }
  const days = Array.from({ length: Number(last.slice(8)) }, (_, i) =>
    iso(new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), i + 1)))
  )
  const lead = (month.getUTCDay() + 6) % 7 // weeks start on Monday
  const shift = (n: number) => setMonth(new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + n, 1)))

  const submit = () =>
    setCapacity.mutate(
      {
        from: range.from,
        to: range.to,
        max_capacity: Number(range.max),
        ...(slots.length && chosen.length < slots.length && { slots: chosen }),
      },
      { onSuccess: () => toast.success("Capacity set"), onError: (e) => toast.error(e.message) }
    )

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Capacity of {resource.title}</Heading>
        <div className="flex items-center gap-x-2">
          <Button size="small" variant="secondary" onClick={() => shift(-1)}>‹</Button>
          <Text size="small" weight="plus">
            {month.toLocaleString(undefined, { month: "long", year: "numeric", timeZone: "UTC" })}
          </Text>
          <Button size="small" variant="secondary" onClick={() => shift(1)}>›</Button>
        </div>
      </div>
      <PanelState isLoading={isLoading} error={error} />
      {data && (
        <div className="grid grid-cols-7 gap-1 px-6 py-4">
          {["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].map((d) => (
            <Text key={d} size="xsmall" className="text-ui-fg-subtle text-center">{d}</Text>
          ))}
          {Array.from({ length: lead }, (_, i) => <div key={`lead-${i}`} />)}
          {days.map((date) => {
            const keys = byDate.get(date) ?? []
            return (
              <div key={date} className="border-ui-border-base rounded-md border p-2" data-testid={`day-${date}`}>
                <Text size="xsmall" className="text-ui-fg-subtle">{Number(date.slice(8))}</Text>
                {!keys.length && <Text size="small" weight="plus">—</Text>}
                {keys.map((c) => (
                  <Text key={c.slot} size="small" weight="plus" data-testid={`slot-${date}-${c.slot || "day"}`}>
                    {c.slot && <span className="text-ui-fg-subtle font-normal">{c.slot} </span>}
                    {`${c.available_capacity} / ${c.max_capacity}`}
                  </Text>
                ))}
              </div>
            )
          })}
        </div>
      )}
      <div className="flex flex-wrap items-end gap-4 px-6 py-4">
        <div className="flex flex-col gap-y-1">
          <Label htmlFor="cap-from" size="small">From</Label>
          <Input id="cap-from" type="date" size="small" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />
        </div>
        <div className="flex flex-col gap-y-1">
          <Label htmlFor="cap-to" size="small">To</Label>
          <Input id="cap-to" type="date" size="small" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} />
        </div>
        <div className="flex flex-col gap-y-1">
          <Label htmlFor="cap-max" size="small">Max capacity</Label>
          <Input id="cap-max" type="number" min={0} max={MAX_QUANTITY} size="small" value={range.max} onChange={(e) => setRange({ ...range, max: e.target.value })} />
        </div>
        {slots.length > 0 && (
          <div className="flex flex-col gap-y-1">
            <Label size="small">Slots</Label>
            <div className="flex items-center gap-x-3">
              {slots.map((slot) => (
                <div key={slot} className="flex items-center gap-x-1">
                  <Checkbox
                    id={`cap-slot-${slot}`}
                    checked={chosen.includes(slot)}
                    onCheckedChange={(on) => setChosen(on ? [...chosen, slot].sort() : chosen.filter((s) => s !== slot))}
                  />
                  <Label htmlFor={`cap-slot-${slot}`} size="small">{slot}</Label>
                </div>
              ))}
            </div>
          </div>
        )}
        <Button size="small" onClick={submit} isLoading={setCapacity.isPending} disabled={slots.length > 0 && !chosen.length}>
          Set capacity
        </Button>
      </div>
    </Container>
  )
}
