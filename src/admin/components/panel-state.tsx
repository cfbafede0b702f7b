import { Text } from "@medusajs/ui"

/** Loading, error and empty states, the same in every panel. */
export const PanelState = ({
  isLoading,
  error,
  empty,
  emptyText,
}: {
  isLoading: boolean
  error: unknown
  empty?: boolean
  emptyText?: string
}) => {
  if (isLoading) {
    return <Text className="text-ui-fg-subtle px-6 py-4" size="small">Loading…</Text>
  }
  if (error) {
    return (
      <Text className="text-ui-fg-error px-6 py-4" size="small">
        Could not load: {(error as Error).message}
      </Text>
    )
  }
  if (empty) {
    return <Text className="text-ui-fg-subtle px-6 py-4" size="small">{emptyText}</Text>
  }
  return null
}
