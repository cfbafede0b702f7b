import { Container, Heading, StatusBadge, Table, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import type { AuditReport } from "../../api/types"
import { useAudit } from "../hooks/booking"
import { PanelState } from "./panel-state"

type Row = AuditReport["uncovered"][number]

const where = (r: Row) => `${r.date ?? "no date"}${r.slot ? ` at ${r.slot}` : ""}`

const Rows = ({ kind, rows }: { kind: "uncovered" | "orphaned"; rows: Row[] }) => (
  <Table>
    <Table.Header>
      <Table.Row>
        <Table.HeaderCell>Order</Table.HeaderCell>
        <Table.HeaderCell>Resource</Table.HeaderCell>
        <Table.HeaderCell>Day</Table.HeaderCell>
        <Table.HeaderCell>Ordered</Table.HeaderCell>
        <Table.HeaderCell>Booked</Table.HeaderCell>
        <Table.HeaderCell>Why</Table.HeaderCell>
      </Table.Row>
    </Table.Header>
    <Table.Body>
      {rows.map((r) => (
        <Table.Row key={`${kind}-${r.order_id}-${r.resource_id}-${r.date}-${r.slot}`} data-testid={`audit-${kind}`}>
          <Table.Cell>
            {r.order_id ? <Link to={`/orders/${r.order_id}`}>{r.display_id ? `#${r.display_id}` : r.order_id}</Link> : "none"}
          </Table.Cell>
          <Table.Cell>{r.resource_id}</Table.Cell>
          <Table.Cell>{where(r)}</Table.Cell>
          <Table.Cell>{r.ordered}</Table.Cell>
          <Table.Cell>{r.booked}</Table.Cell>
          <Table.Cell>
            {r.reason}
            {!r.settled && <Text size="xsmall" className="text-ui-fg-subtle">just changed; may settle</Text>}
          </Table.Cell>
        </Table.Row>
      ))}
    </Table.Body>
  </Table>
)

/**
 * The books audit (docs/design.md): booking lines of live orders their
 * confirmed holds do not cover, and confirmed holds that cover no live line.
 */
export const AuditSection = () => {
  const { data, isLoading, error } = useAudit()
  const count = (data?.uncovered.length ?? 0) + (data?.orphaned.length ?? 0)
  return (
    <Container className="divide-y p-0" data-testid="booking-audit">
      <div className="flex items-center gap-x-3 px-6 py-4">
        <Heading level="h2">Books audit</Heading>
        {data?.available && (
          <StatusBadge color={count ? "orange" : "green"} data-testid="audit-status">
            {count ? `${count} to check` : "balanced"}
          </StatusBadge>
        )}
      </div>
      <PanelState isLoading={isLoading} error={error} />
      {data && !data.available && (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">The audit needs Medusa's order tables in this database.</Text>
      )}
      {data?.available && !count && (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          Every booking line of a live order, from today on, is covered by its confirmed holds, and every confirmed hold by a line.
        </Text>
      )}
      {!!data?.uncovered.length && (
        <div className="px-6 py-4">
          <Text size="small" weight="plus">Booking lines not covered</Text>
          <Rows kind="uncovered" rows={data.uncovered} />
        </div>
      )}
      {!!data?.orphaned.length && (
        <div className="px-6 py-4">
          <Text size="small" weight="plus">Confirmed holds that cover no line</Text>
          <Rows kind="orphaned" rows={data.orphaned} />
        </div>
      )}
    </Container>
  )
}
