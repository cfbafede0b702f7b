import { Button, Container, Heading, Input, Select, StatusBadge, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { useHolds, useReleaseHold } from "../hooks/booking"
import { HOLD_STATUS_COLOR, HOLD_STATUSES } from "../lib/hold-status"
import { bookingWhen, groupStays, type BookingRow } from "../lib/group-stays"
import type { AdminHold } from "../../api/types"
import { PanelState } from "./panel-state"

const PAGE = 20

export const HoldsSection = () => {
  const [status, setStatus] = useState("all")
  const [date, setDate] = useState("")
  const [offset, setOffset] = useState(0)
  const { data, isLoading, error } = useHolds({
    status: status === "all" ? undefined : status,
    date: date || undefined,
    limit: PAGE,
    offset,
  })
  const release = useReleaseHold()
  const prompt = usePrompt()

  const onRelease = async (hold: BookingRow) => {
    const confirmed = await prompt({
      title: hold.end_date ? "Release this stay?" : "Release this hold?",
      description: `${hold.quantity} unit(s) of ${hold.resource?.title ?? hold.resource_id} on ${bookingWhen(hold)} go back to availability.`,
      confirmText: "Release",
      cancelText: "Cancel",
    })
    if (confirmed) {
      for (const id of hold.hold_ids) {
        release.mutate(id, {
          onSuccess: () => id === hold.id && toast.success(hold.end_date ? "Stay released" : "Hold released"),
          onError: (e) => toast.error(e.message),
        })
      }
    }
  }

  return (
    <Container className="divide-y p-0">
      <div className="flex flex-wrap items-center justify-between gap-4 px-6 py-4">
        <Heading level="h2">Holds</Heading>
        <div className="flex items-center gap-x-2">
          <Select size="small" value={status} onValueChange={(v) => { setStatus(v); setOffset(0) }}>
            <Select.Trigger data-testid="holds-status-filter"><Select.Value /></Select.Trigger>
            <Select.Content>
              {["all", ...HOLD_STATUSES].map((s) => (
                <Select.Item key={s} value={s}>{s === "all" ? "All statuses" : s}</Select.Item>
              ))}
            </Select.Content>
          </Select>
          <Input size="small" type="date" value={date} aria-label="Date" onChange={(e) => { setDate(e.target.value); setOffset(0) }} />
        </div>
      </div>
      <PanelState isLoading={isLoading} error={error} empty={data?.count === 0} emptyText="No holds match." />
      {!!data?.count && (
        <>
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Resource</Table.HeaderCell>
                <Table.HeaderCell>Date</Table.HeaderCell>
                <Table.HeaderCell>Qty</Table.HeaderCell>
                <Table.HeaderCell>Status</Table.HeaderCell>
                <Table.HeaderCell>Expires</Table.HeaderCell>
                <Table.HeaderCell>Cart / order</Table.HeaderCell>
                <Table.HeaderCell />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {groupStays(data.holds).map((h) => (
                <Table.Row key={h.id} data-testid={`hold-${h.id}`}>
                  <Table.Cell>{h.resource?.title ?? h.resource_id}</Table.Cell>
                  <Table.Cell>{bookingWhen(h)}</Table.Cell>
                  <Table.Cell>{h.quantity}</Table.Cell>
                  <Table.Cell><StatusBadge color={HOLD_STATUS_COLOR[h.status]}>{h.status}</StatusBadge></Table.Cell>
                  <Table.Cell>{new Date(h.expires_at).toLocaleString()}</Table.Cell>
                  <Table.Cell>
                    {h.order_id ? (
                      <Link to={`/orders/${h.order_id}`} className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover">
                        {h.order_id}
                      </Link>
                    ) : (
                      h.cart_id ?? "—"
                    )}
                  </Table.Cell>
                  <Table.Cell className="text-right">
                    {h.status === "active" && (
                      <Button size="small" variant="transparent" onClick={() => onRelease(h)}>Release</Button>
                    )}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          <div className="flex items-center justify-between px-6 py-3">
            <Text size="small" className="text-ui-fg-subtle">
              {offset + 1}–{Math.min(offset + PAGE, data.count)} of {data.count}
            </Text>
            <div className="flex gap-x-2">
              <Button size="small" variant="secondary" disabled={offset === 0} onClick={() => setOffset(offset - PAGE)}>Previous</Button>
              <Button size="small" variant="secondary" disabled={offset + PAGE >= data.count} onClick={() => setOffset(offset + PAGE)}>Next</Button>
            </div>
          </div>
        </>
      )}
    </Container>
  )
}
