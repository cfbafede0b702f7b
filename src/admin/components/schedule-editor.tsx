import { Button, Checkbox, Container, Heading, Input, Label, Text, toast } from "@medusajs/ui"
import { useEffect, useState } from "react"
import type { AdminResource } from "../../api/types"
import type { ScheduleRule } from "../../modules/resource_booking/schedule/rules"
import { MAX_QUANTITY } from "../../modules/resource_booking/utils/limits"
import { useSchedule, useSetSchedule } from "../hooks/booking"
import { PanelState } from "./panel-state"

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

/** A rule as the form edits it: strings where the inputs are. */
type Row = { weekdays: number[]; slots: string[]; capacity: string; valid_from: string; valid_until: string }

const toRow = (rule: ScheduleRule, slots: string[]): Row => ({
  weekdays: rule.weekdays,
  slots: rule.slots ?? slots,
  capacity: String(rule.capacity),
  valid_from: rule.valid_from ?? "",
  valid_until: rule.valid_until ?? "",
})

const toRule = (row: Row, slots: string[]): ScheduleRule => ({
  weekdays: row.weekdays,
  // Every slot ticked: leave them out, so slots added later are in the schedule too.
  ...(slots.length && row.slots.length < slots.length && { slots: row.slots }),
  capacity: Number(row.capacity),
  valid_from: row.valid_from || null,
  valid_until: row.valid_until || null,
})

const toggle = <T,>(list: T[], item: T, on: boolean) => (on ? [...new Set([...list, item])] : list.filter((x) => x !== item))

/**
 * The weekly schedule of a resource: one row per rule, weekdays × slots with
 * a capacity and an optional season; the later row wins where two overlap.
 * Saving writes the days out to the horizon; days set by hand stay.
 */
export const ScheduleEditor = ({ resource }: { resource: AdminResource }) => {
  const slots = resource.slots ?? []
  const { data, isLoading, error } = useSchedule(resource.id)
  const save = useSetSchedule(resource.id)
  const [rows, setRows] = useState<Row[]>([])
  useEffect(() => {
    if (data) {
      setRows(data.schedule.rules.map((r) => toRow(r, slots)))
    }
  }, [data])
  const update = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)))

  const submit = () =>
    save.mutate(
      { rules: rows.map((r) => toRule(r, slots)) },
      {
        onSuccess: (result) =>
          result.uncut.length
            ? toast.warning(`Schedule saved; ${result.uncut.length} booked day(s) keep what their holds use: ${result.uncut.map((u) => `${u.date}${u.slot ? ` ${u.slot}` : ""}`).join(", ")}`)
            : toast.success(result.schedule.expanded_until ? `Schedule saved, written out to ${result.schedule.expanded_until}` : "Schedule removed"),
        onError: (e) => toast.error(e.message),
      }
    )

  return (
    <Container className="divide-y p-0" data-testid="schedule-editor">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Weekly schedule</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {data?.schedule.time_zone ?? "The plugin's time zone"}
            {data?.schedule.cutoff_minutes ? ` · sales close ${data.schedule.cutoff_minutes} min before` : ""}
            {data?.schedule.expanded_until ? ` · written out to ${data.schedule.expanded_until}` : " · no schedule: capacity is set by hand"}
          </Text>
        </div>
        <Button size="small" variant="secondary" onClick={() => setRows([...rows, { weekdays: [1, 2, 3, 4, 5, 6, 7], slots, capacity: "10", valid_from: "", valid_until: "" }])}>
          Add rule
        </Button>
      </div>
      <PanelState isLoading={isLoading} error={error} />
      {rows.map((row, i) => (
        <div key={i} className="flex flex-wrap items-end gap-4 px-6 py-4" data-testid={`rule-${i}`}>
          <div className="flex flex-col gap-y-1">
            <Label size="small">Days</Label>
            <div className="flex items-center gap-x-2">
              {WEEKDAYS.map((name, d) => (
                <div key={name} className="flex items-center gap-x-1">
                  <Checkbox id={`rule-${i}-day-${d + 1}`} checked={row.weekdays.includes(d + 1)} onCheckedChange={(on) => update(i, { weekdays: toggle(row.weekdays, d + 1, !!on).sort() })} />
                  <Label htmlFor={`rule-${i}-day-${d + 1}`} size="small">{name}</Label>
                </div>
              ))}
            </div>
          </div>
          {slots.length > 0 && (
            <div className="flex flex-col gap-y-1">
              <Label size="small">Departures</Label>
              <div className="flex items-center gap-x-2">
                {slots.map((slot) => (
                  <div key={slot} className="flex items-center gap-x-1">
                    <Checkbox id={`rule-${i}-slot-${slot}`} checked={row.slots.includes(slot)} onCheckedChange={(on) => update(i, { slots: toggle(row.slots, slot, !!on).sort() })} />
                    <Label htmlFor={`rule-${i}-slot-${slot}`} size="small">{slot}</Label>
                  </div>
                ))}
              </div>
            </div>
          )}
          <div className="flex flex-col gap-y-1">
            <Label htmlFor={`rule-${i}-capacity`} size="small">Capacity</Label>
            <Input id={`rule-${i}-capacity`} type="number" min={0} max={MAX_QUANTITY} size="small" className="w-24" value={row.capacity} onChange={(e) => update(i, { capacity: e.target.value })} />
          </div>
          <div className="flex flex-col gap-y-1">
            <Label htmlFor={`rule-${i}-from`} size="small">Season from</Label>
            <Input id={`rule-${i}-from`} type="date" size="small" value={row.valid_from} onChange={(e) => update(i, { valid_from: e.target.value })} />
          </div>
          <div className="flex flex-col gap-y-1">
            <Label htmlFor={`rule-${i}-until`} size="small">until</Label>
            <Input id={`rule-${i}-until`} type="date" size="small" value={row.valid_until} onChange={(e) => update(i, { valid_until: e.target.value })} />
          </div>
          <Button size="small" variant="transparent" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
            Remove
          </Button>
        </div>
      ))}
      <div className="flex items-center justify-between px-6 py-4">
        <Text size="small" className="text-ui-fg-subtle">
          {rows.length ? "Where rules overlap, the lower one wins." : "No rules: saving removes the schedule (days set by hand stay)."}
        </Text>
        <Button size="small" onClick={submit} isLoading={save.isPending}>
          Save schedule
        </Button>
      </div>
    </Container>
  )
}
