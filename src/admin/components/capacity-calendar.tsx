import { Button, Checkbox, Container, Heading, Input, Label, Text, toast } from "@medusajs/ui"
import type { AdminResource, CapacityResponse } from "../../api/types"
import { MAX_QUANTITY } from "../../modules/resource_booking/utils/limits"
import { useEffect, useState } from "react"
import { useCapacity, useFollowSchedule, useSchedule, useSetCapacity } from "../hooks/booking"
import { PanelState } from "./panel-state"

const iso = (d: Date) => d.toISOString().slice(0, 10)

type Key = CapacityResponse["capacity"][number]

const monthOf = (date: string) => new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, 1))

/**
 * A month of a resource's days: available / max per day, or per slot for a
 * resource sold by the slot, and a form to set a range (some slots or all).
 * Days set by hand (exceptions to the weekly schedule) are marked; a range
 * can be given back to the schedule. It opens on the first month with capacity.
 */
export const CapacityCalendar = ({ resource }: { resource: AdminResource }) => {
  const [month, setMonth] = useState(() => monthOf(new Date().toISOString().slice(0, 10)))
  const schedule = useSchedule(resource.id)
  const firstDay = schedule.data?.schedule.first_day
  useEffect(() => {
    if (firstDay) {
      setMonth(monthOf(firstDay))
    }
  }, [firstDay])
  const scheduled = !!schedule.data?.schedule.rules.length
  const first = iso(month)
  const last = iso(new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 0)))
  const { data, isLoading, error } = useCapacity(resource.id, first, last)
  const setCapacity = useSetCapacity(resource.id)
  const follow = useFollowSchedule(resource.id)
  const [range, setRange] = useState({ from: first, to: last, max: "10" })
  const slots = resource.slots ?? []
  const [chosen, setChosen] = useState<string[]>(slots)
  const byDate = new Map<string, Key[]>()
  for (const c of data?.capacity ?? []) {
    byDate.set(c.date, [...(byDate.get(c.date) ?? []), c])
  }
  const days = Array.from({ length: Number(last.slice(8)) }, (_, i) =>
    iso(new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), i + 1)))
  )
  const lead = (month.getUTCDay() + 6) % 7 // weeks start on Monday
  const shift = (n: number) => setMonth(new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + n, 1)))

  const chosenSlots = () => (slots.length && chosen.length < slots.length ? { slots: chosen } : {})
  const giveBack = () =>
    follow.mutate(
      { from: range.from, to: range.to, ...chosenSlots() },
      {
        onSuccess: (r) => toast.success(`${r.followed.length} day(s) follow the schedule again`),
        onError: (e) => toast.error(e.message),
      }
    )

  const submit = () =>
    setCapacity.mutate(
      {
        from: range.from,
        to: range.to,
        max_capacity: Number(range.max),
        ...chosenSlots(),
      },
      { onSuccess: () => toast.success(scheduled ? "Capacity set by hand: the schedule leaves these days alone" : "Capacity set"), onError: (e) => toast.error(e.message) }
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
              <div
                key={date}
                // Set by hand on a scheduled resource: the schedule leaves these days alone.
                className={`rounded-md border p-2 ${scheduled && keys.some((c) => c.is_exception) ? "border-ui-border-strong border-dashed bg-ui-bg-subtle" : "border-ui-border-base"}`}
                data-testid={`day-${date}`}
                data-exception={scheduled && keys.some((c) => c.is_exception) ? "true" : undefined}
                title={scheduled && keys.some((c) => c.is_exception) ? "Set by hand: the weekly schedule leaves this day alone" : undefined}
              >
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
        {scheduled && (
          <Button size="small" variant="secondary" onClick={giveBack} isLoading={follow.isPending} disabled={slots.length > 0 && !chosen.length}>
            Follow the schedule
          </Button>
        )}
      </div>
    </Container>
  )
}
