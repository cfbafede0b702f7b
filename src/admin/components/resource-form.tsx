import { Button, Drawer, Input, Label, toast } from "@medusajs/ui"
import { useState } from "react"
import { MAX_HOLD_TTL_MINUTES } from "../../modules/resource_booking/utils/limits"
import { useSaveResource } from "../hooks/booking"
import type { AdminResource } from "../../api/types"

/** Create (no `resource`) or edit a resource in a drawer. */
export const ResourceForm = ({ resource, trigger }: { resource?: AdminResource; trigger: React.ReactNode }) => {
  const [open, setOpen] = useState(false)
  const [title, setTitle] = useState(resource?.title ?? "")
  const [description, setDescription] = useState(resource?.description ?? "")
  const [ttl, setTtl] = useState(resource?.hold_ttl_minutes ? String(resource.hold_ttl_minutes) : "")
  const [slots, setSlots] = useState((resource?.slots ?? []).join(", "))
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
