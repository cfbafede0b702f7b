import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, Select, Text, toast } from "@medusajs/ui"
import { useMemo } from "react"
import { PanelState } from "../components/panel-state"
import { useResources } from "../hooks/booking"
import { useProductVariants, useSetVariantResource } from "../hooks/variant-links"
import type { AdminResource } from "../../api/types"

// Radix's Select refuses "" as a value.
const NONE = "none"

/** docs/design.md §8: picks the resource each of the product's variants books. */
const ProductBookingsWidget = ({ data: product }: DetailWidgetProps<AdminProduct>) => {
  const variants = useProductVariants(product.id)
  const resources = useResources()
  const move = useSetVariantResource()
  const resourceOf = useMemo(
    () => new Map<string, AdminResource>(resources.data?.resources.flatMap((r) => r.variant_ids.map((v) => [v, r] as const)) ?? []),
    [resources.data]
  )

  const change = (variant: { id: string; title: string | null }, value: string) => {
    const from = resourceOf.get(variant.id)
    const to = value === NONE ? undefined : resources.data?.resources.find((r) => r.id === value)
    if (from?.id === to?.id) {
      return
    }
    move.mutate(
      { variantId: variant.id, from: from?.id, to: to?.id },
      {
        onSuccess: () => toast.success(to ? `${variant.title} now books ${to.title}` : `${variant.title} books nothing now`),
        onError: (e) => toast.error(e.message),
      }
    )
  }

  return (
    <Container className="divide-y p-0" data-testid="product-bookings">
      <div className="flex flex-col gap-y-1 px-6 py-4">
        <Heading level="h2">Bookings</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          A variant linked to a resource holds that resource's capacity for the day the shopper picks, from cart to order.
        </Text>
      </div>
      <PanelState
        isLoading={variants.isLoading || resources.isLoading}
        error={variants.error ?? resources.error}
        empty={variants.data?.count === 0}
        emptyText="This product has no variants."
      />
      {resources.data &&
        variants.data?.variants.map((v) => (
          <div key={v.id} className="grid grid-cols-2 items-center gap-x-4 px-6 py-3" data-testid={`variant-booking-${v.id}`}>
            <Text size="small" weight="plus" className="truncate">{v.title}</Text>
            <Select
              size="small"
              value={resourceOf.get(v.id)?.id ?? NONE}
              onValueChange={(value) => change(v, value)}
              disabled={move.isPending}
            >
              <Select.Trigger aria-label={`Resource booked by ${v.title}`}><Select.Value /></Select.Trigger>
              <Select.Content>
                <Select.Item value={NONE}>Books nothing</Select.Item>
                {resources.data.resources.map((r) => (
                  <Select.Item key={r.id} value={r.id}>{r.is_active ? r.title : `${r.title} (inactive)`}</Select.Item>
                ))}
              </Select.Content>
            </Select>
          </div>
        ))}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "product.details.after" })

export default ProductBookingsWidget
