import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { ADMIN, sdk } from "../lib/sdk"
import type {
  AdminHoldListResponse,
  AuditResponse,
  AdminResource,
  AdminResourceListResponse,
  CapacityResponse,
  FollowScheduleResponse,
  HealthResponse,
  ScheduleResponse,
  SetScheduleResponse,
} from "../../api/types"
import type { ScheduleRule } from "../../modules/resource_booking/schedule/rules"
import { MAX_PAGE_SIZE } from "../../modules/resource_booking/utils/limits"

export const KEY = "resource-booking"

export const useHealth = () =>
  useQuery({ queryKey: [KEY, "health"], queryFn: () => sdk.client.fetch<HealthResponse>(`${ADMIN}/health`) })

export const useAudit = () =>
  useQuery({ queryKey: [KEY, "audit"], queryFn: () => sdk.client.fetch<AuditResponse>(`${ADMIN}/audit`) })

export const useResources = () =>
  useQuery({
    queryKey: [KEY, "resources"],
    queryFn: () =>
      sdk.client.fetch<AdminResourceListResponse>(`${ADMIN}/resources`, {
        query: { limit: MAX_PAGE_SIZE, order: "title" },
      }),
  })

export const useCapacity = (resourceId: string | undefined, from: string, to: string) =>
  useQuery({
    enabled: !!resourceId,
    queryKey: [KEY, "capacity", resourceId, from, to],
    queryFn: () =>
      sdk.client.fetch<CapacityResponse>(`${ADMIN}/resources/${resourceId}/capacity`, {
        query: { from, to },
      }),
  })

export type HoldFilters = { status?: string; date?: string; order_id?: string; fields?: string; limit: number; offset: number }

export const useHolds = (filters: HoldFilters) =>
  useQuery({
    queryKey: [KEY, "holds", filters],
    queryFn: () =>
      sdk.client.fetch<AdminHoldListResponse>(`${ADMIN}/holds`, {
        query: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== "")),
      }),
  })

/** A POST/DELETE that refreshes every booking query when it succeeds. */
function useBookingMutation<TInput, TResult = unknown>(request: (input: TInput) => Promise<TResult>) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: request,
    onSuccess: () => client.invalidateQueries({ queryKey: [KEY] }),
  })
}

export const useRunCleanup = () =>
  useBookingMutation((body: { dry_run: boolean }) =>
    sdk.client.fetch<{ run: { expired_count: number; capacity_restored: number; dry_run: boolean } }>(
      `${ADMIN}/cleanup`,
      { method: "POST", body }
    )
  )

export const useSaveResource = () =>
  useBookingMutation(({ id, ...body }: Partial<AdminResource> & { id?: string }) =>
    sdk.client.fetch(`${ADMIN}/resources${id ? `/${id}` : ""}`, { method: "POST", body })
  )

export const useSetCapacity = (resourceId: string) =>
  useBookingMutation((body: { from: string; to: string; max_capacity: number; slots?: string[] }) =>
    sdk.client.fetch(`${ADMIN}/resources/${resourceId}/capacity`, { method: "POST", body })
  )

export const useSchedule = (resourceId: string) =>
  useQuery({
    queryKey: [KEY, "schedule", resourceId],
    queryFn: () => sdk.client.fetch<ScheduleResponse>(`${ADMIN}/resources/${resourceId}/schedule`),
  })

export const useSetSchedule = (resourceId: string) =>
  useBookingMutation((body: { rules: ScheduleRule[] }) =>
    sdk.client.fetch<SetScheduleResponse>(`${ADMIN}/resources/${resourceId}/schedule`, { method: "POST", body })
  )

export const useFollowSchedule = (resourceId: string) =>
  useBookingMutation((body: { from: string; to: string; slots?: string[] }) =>
    sdk.client.fetch<FollowScheduleResponse>(`${ADMIN}/resources/${resourceId}/capacity/follow-schedule`, { method: "POST", body })
  )

export const useReleaseHold = () =>
  useBookingMutation((id: string) => sdk.client.fetch(`${ADMIN}/holds/${id}/release`, { method: "POST" }))

export const useReschedule = () =>
  useBookingMutation(({ id, ...body }: { id: string; date: string; slot?: string; quantity?: number }) =>
    sdk.client.fetch(`${ADMIN}/holds/${id}/reschedule`, { method: "POST", body })
  )
