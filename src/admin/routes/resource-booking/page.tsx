import { defineRouteConfig } from "@medusajs/admin-sdk"
import { CalendarSolid } from "@medusajs/icons"
import { useState } from "react"
import { AuditSection } from "../../components/audit-section"
import { CapacityCalendar } from "../../components/capacity-calendar"
import { HealthPanel } from "../../components/health-panel"
import { HoldsSection } from "../../components/holds-section"
import { ResourcesSection } from "../../components/resources-section"
import { ScheduleEditor } from "../../components/schedule-editor"
import type { AdminResource } from "../../../api/types"

const ResourceBookingPage = () => {
  const [selected, setSelected] = useState<AdminResource>()
  return (
    <div className="flex flex-col gap-y-3">
      <HealthPanel />
      <ResourcesSection selected={selected?.id} onSelect={setSelected} />
      {selected && <CapacityCalendar key={selected.id} resource={selected} />}
      {selected && <ScheduleEditor key={`schedule-${selected.id}`} resource={selected} />}
      <HoldsSection />
      <AuditSection />
    </div>
  )
}

export const config = defineRouteConfig({ label: "Resource booking", icon: CalendarSolid })

export default ResourceBookingPage
