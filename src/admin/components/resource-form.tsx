import { Button, Drawer, Input, Label, toast } from "@medusajs/ui"
import { useState } from "react"
import { MAX_CUTOFF_MINUTES, MAX_HOLD_TTL_MINUTES, MAX_HORIZON_DAYS, MAX_STAY_NIGHTS } from "../../modules/resource_booking/utils/limits"
import { useSaveResource } from "../hooks/booking"
import type { AdminResource } from "../../api/types"

// The zones the browser knows; the API checks the name against the server's.
const ZONES: string[] = (Intl as any).supportedValuesOf?.("timeZone") ?? []

/** Create (no `resource`) or edit a resource in a drawer. */
export const ResourceForm = ({ resource, trigger }: { resource?: AdminResource; trigger: React.ReactNode }) => {
  const [open, setOpen] = useState(false)
  const [title, setTitle] = useState(resource?.title ?? "")
  const [description, setDescription] = useState(resource?.description ?? "")
  const [ttl, setTtl] = useState(resource?.hold_ttl_minutes ? String(resource.hold_ttl_minutes) : "")
  const [slots, setSlots] = useState((resource?.slots ?? []).join(", "))
  const [zone, setZone] = useState(resource?.time_zone ?? "")
  const [cutoff, setCutoff] = useState(resource?.cutoff_minutes != null ? String(resource.cutoff_minutes) : "")
  const [horizon, setHorizon] = useState(String(resource?.booking_horizon_days ?? 365))
  const [minNights, setMinNights] = useState(resource?.min_nights != null ? String(resource.min_nights) : "")
  const [maxNights, setMaxNights] = useState(resource?.max_nights != null ? String(resource.max_nights) : "")
  const save = useSaveResource()

  const submit = () =>
    save.mutate(
      {
        id: resource?.id,
        title,
        description: description || null,
        hold_ttl_minutes: ttl ? Number(ttl) : null,
        // "09:00, 14:00" → ["09:00", "14:00"]; the API checks them and says what is wrong.
        slots: slots.split(/[\s,]+/).filter(Boolean),
        time_zone: zone.trim() || null,
        cutoff_minutes: cutoff ? Number(cutoff) : null,
        booking_horizon_days: Number(horizon),
        min_nights: minNights ? Number(minNights) : null,
        max_nights: maxNights ? Number(maxNights) : null,
      },
      {
        onSuccess: () => {
          toast.success(resource ? "Resource saved" : "Resource created")
          setOpen(false)
        },
        onError: (e) => toast.error(e.message),
      }
    )

  return (
    <Drawer open={open} onOpenChange={setOpen}>
      <Drawer.Trigger asChild>{trigger}</Drawer.Trigger>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>{resource ? `Edit ${resource.title}` : "New resource"}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4">
          <div className="flex flex-col gap-y-2">
            <Label htmlFor="resource-title">Title</Label>
            <Input id="resource-title" value={title} onChange={(e) => setTitle(e.target.value)} />
          </div>
          <div className="flex flex-col gap-y-2">
            <Label htmlFor="resource-description">Description</Label>
            <Input id="resource-description" value={description} onChange={(e) => setDescription(e.target.value)} />
          </div>
          <div className="flex flex-col gap-y-2">
            <Label htmlFor="resource-ttl">Hold TTL in minutes (empty: the plugin default)</Label>
            <Input id="resource-ttl" type="number" min={1} max={MAX_HOLD_TTL_MINUTES} value={ttl} onChange={(e) => setTtl(e.target.value)} />
          </div>
          <div className="flex flex-col gap-y-2">
            <Label htmlFor="resource-slots">Slots: start times, e.g. 09:00, 14:00 (empty: booked by the whole day)</Label>
            <Input id="resource-slots" placeholder="09:00, 14:00" value={slots} onChange={(e) => setSlots(e.target.value)} />
          </div>
          <div className="flex gap-x-4">
            <div className="flex flex-1 flex-col gap-y-2">
              <Label htmlFor="resource-min-nights">Sold by the stay: fewest nights</Label>
              <Input id="resource-min-nights" type="number" min={1} max={MAX_STAY_NIGHTS} placeholder="—" value={minNights} onChange={(e) => setMinNights(e.target.value)} />
            </div>
            <div className="flex flex-1 flex-col gap-y-2">
              <Label htmlFor="resource-max-nights">most nights (empty: by the day)</Label>
              <Input id="resource-max-nights" type="number" min={1} max={MAX_STAY_NIGHTS} placeholder="—" value={maxNights} onChange={(e) => setMaxNights(e.target.value)} />
            </div>
          </div>
          <div className="flex flex-col gap-y-2">
            <Label htmlFor="resource-zone">Time zone of its days and slots (empty: the plugin default)</Label>
            <Input id="resource-zone" list="resource-zones" placeholder="Europe/Copenhagen" value={zone} onChange={(e) => setZone(e.target.value)} />
            <datalist id="resource-zones">
              {ZONES.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </div>
          <div className="flex flex-col gap-y-2">
            <Label htmlFor="resource-cutoff">Cut-off: minutes before a slot starts (a day ends) that sales close</Label>
            <Input id="resource-cutoff" type="number" min={0} max={MAX_CUTOFF_MINUTES} placeholder="0" value={cutoff} onChange={(e) => setCutoff(e.target.value)} />
          </div>
          <div className="flex flex-col gap-y-2">
            <Label htmlFor="resource-horizon">Weekly schedule written out this many days ahead</Label>
            <Input id="resource-horizon" type="number" min={1} max={MAX_HORIZON_DAYS} value={horizon} onChange={(e) => setHorizon(e.target.value)} />
          </div>
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button variant="secondary" size="small">Cancel</Button>
          </Drawer.Close>
          <Button size="small" onClick={submit} isLoading={save.isPending} disabled={!title.trim()}>
            Save
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
