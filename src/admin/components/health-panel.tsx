import { Button, Container, Heading, Label, StatusBadge, Switch, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { useHealth, useRunCleanup } from "../hooks/booking"
import { PanelState } from "./panel-state"

const COLOR = { healthy: "green", degraded: "orange", unhealthy: "red" } as const

const Figure = ({ label, value, testId }: { label: string; value: string | number; testId: string }) => (
  <div className="flex flex-col gap-y-1">
    <Text size="xsmall" className="text-ui-fg-subtle">{label}</Text>
    <Text size="large" weight="plus" data-testid={testId}>{value}</Text>
  </div>
)

/** The health panel (docs/design.md §6): used by the widget and on top of the page. */
export const HealthPanel = () => {
  const { data, isLoading, error } = useHealth()
  const cleanup = useRunCleanup()
  const [dryRun, setDryRun] = useState(false)

  const run = () =>
    cleanup.mutate(
      { dry_run: dryRun },
      {
        onSuccess: (res) =>
          toast.success(
            `${res.run.dry_run ? "Dry run: would expire" : "Expired"} ${res.run.expired_count} hold(s), ${res.run.capacity_restored} unit(s) of capacity`
          ),
        onError: (e) => toast.error(`Cleanup failed: ${e.message}`),
      }
    )

  const last = data?.cleanup_job.last_run
  return (
    <Container className="divide-y p-0" data-testid="booking-health">
      <div className="flex items-center justify-between px-6 py-4">
        <div className="flex items-center gap-x-3">
          <Heading level="h2">Resource booking health</Heading>
          {data && (
            <StatusBadge color={COLOR[data.status]} data-testid="health-status">{data.status}</StatusBadge>
          )}
        </div>
        <div className="flex items-center gap-x-4">
          <div className="flex items-center gap-x-2">
            <Switch id="booking-dry-run" checked={dryRun} onCheckedChange={setDryRun} />
            <Label htmlFor="booking-dry-run" size="small">Dry run</Label>
          </div>
          <Button size="small" variant="secondary" onClick={run} isLoading={cleanup.isPending}>
            Run cleanup now
          </Button>
        </div>
      </div>
      <PanelState isLoading={isLoading} error={error} />
      {data && (
        <>
          <div className="grid grid-cols-2 gap-4 px-6 py-4 md:grid-cols-8">
            <Figure label="Active holds" value={data.holds.active} testId="holds-active" />
            <Figure label="Confirmed" value={data.holds.confirmed} testId="holds-confirmed" />
            <Figure label="Released" value={data.holds.released} testId="holds-released" />
            <Figure label="Expired" value={data.holds.expired} testId="holds-expired" />
            <Figure label="Canceled" value={data.holds.canceled} testId="holds-canceled" />
            <Figure label="Overdue (not swept yet)" value={data.cleanup_job.overdue_holds} testId="holds-overdue" />
            <Figure label="Utilisation (today on)" value={`${data.capacity.utilization_percent}%`} testId="utilization" />
            <Figure
              label="Books audit"
              value={data.audit ? (data.audit.uncovered_lines + data.audit.orphaned_holds ? `${data.audit.uncovered_lines + data.audit.orphaned_holds} to check` : "balanced") : "n/a"}
              testId="audit-figure"
            />
          </div>
          <div className="px-6 py-4">
            <Text size="small" className="text-ui-fg-subtle" data-testid="last-run">
              {last
                ? `Last run ${new Date(last.started_at).toLocaleString()} (${last.trigger}${last.dry_run ? ", dry run" : ""}): ` +
                  (last.finished_at
                    ? `${last.duration_ms} ms, expired ${last.expired_count}, restored ${last.capacity_restored}`
                    : "never finished") +
                  (last.error ? `, error: ${last.error}` : "")
                : "The cleanup job has not run yet."}
              {data.cleanup_job.next_run && ` · next ${new Date(data.cleanup_job.next_run).toLocaleTimeString()} (${data.cleanup_job.schedule})`}
            </Text>
            {data.warnings.map((w) => (
              <Text key={w} size="small" className="text-ui-fg-error mt-1">{w}</Text>
            ))}
          </div>
        </>
      )}
    </Container>
  )
}
