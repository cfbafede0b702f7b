import { Button, Container, Heading, StatusBadge, Table, toast } from "@medusajs/ui"
import { useResources, useSaveResource } from "../hooks/booking"
import type { AdminResource } from "../../api/types"
import { PanelState } from "./panel-state"
import { ResourceForm } from "./resource-form"
import { ResourceVariants, useVariantNames } from "./resource-variants"

export const ResourcesSection = ({
  selected,
  onSelect,
}: {
  selected?: string
  onSelect: (r: AdminResource) => void
}) => {
  const { data, isLoading, error } = useResources()
  const save = useSaveResource()
  const variants = useVariantNames(data?.resources ?? [])
  const toggle = (r: AdminResource) =>
    save.mutate(
      { id: r.id, is_active: !r.is_active },
      { onError: (e) => toast.error(e.message), onSuccess: () => toast.success(r.is_active ? "Deactivated" : "Activated") }
    )

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Resources</Heading>
        <ResourceForm trigger={<Button size="small" variant="secondary">Create</Button>} />
      </div>
      <PanelState isLoading={isLoading} error={error} empty={data?.count === 0} emptyText="No resources yet." />
      {!!data?.count && (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Title</Table.HeaderCell>
              <Table.HeaderCell>Handle</Table.HeaderCell>
              <Table.HeaderCell>Hold TTL</Table.HeaderCell>
              <Table.HeaderCell>Booked by</Table.HeaderCell>
              <Table.HeaderCell>Sold as</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {data.resources.map((r) => (
              <Table.Row key={r.id} className={r.id === selected ? "bg-ui-bg-highlight" : ""}>
                <Table.Cell>{r.title}</Table.Cell>
                <Table.Cell>{r.handle}</Table.Cell>
                <Table.Cell>{r.hold_ttl_minutes ? `${r.hold_ttl_minutes} min` : "default"}</Table.Cell>
                <Table.Cell data-testid={`resource-slots-${r.id}`}>{r.slots?.length ? r.slots.join(", ") : r.min_nights != null ? `the stay, ${r.min_nights === r.max_nights ? r.min_nights : `${r.min_nights}–${r.max_nights}`} nights` : "the day"}</Table.Cell>
                <Table.Cell data-testid={`resource-variants-${r.id}`}>
                  <ResourceVariants ids={r.variant_ids} names={variants} />
                </Table.Cell>
                <Table.Cell>
                  <StatusBadge color={r.is_active ? "green" : "grey"}>{r.is_active ? "Active" : "Inactive"}</StatusBadge>
                </Table.Cell>
                <Table.Cell className="flex justify-end gap-x-2">
                  <Button size="small" variant="transparent" onClick={() => onSelect(r)}>Capacity</Button>
                  <ResourceForm resource={r} trigger={<Button size="small" variant="transparent">Edit</Button>} />
                  <Button size="small" variant="transparent" onClick={() => toggle(r)}>
                    {r.is_active ? "Deactivate" : "Activate"}
                  </Button>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}
