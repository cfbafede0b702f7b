import { defineLink } from "@medusajs/framework/utils"
import ProductModule from "@medusajs/medusa/product"
import ResourceBookingModule from "../modules/resource_booking"

// A product variant books at most one resource; a resource may be booked by
// many variants (a tour sold as "Adult" and "Child"). `isList` on the variant
// side gives each resource a list of variants and each variant one resource.
export default defineLink(
  { linkable: ProductModule.linkable.productVariant, isList: true },
  ResourceBookingModule.linkable.resource
)
