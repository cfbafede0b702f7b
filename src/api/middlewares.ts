import {
  authenticate,
  defineMiddlewares,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import {
  AdminAuditQuery,
  AdminBatchResourceVariants,
  AdminCapacityRange,
  AdminCleanupBody,
  AdminCreateResource,
  AdminGetResource,
  AdminListHolds,
  AdminListResources,
  AdminNoParams,
  AdminReschedule,
  AdminSetCapacity,
  AdminSetSchedule,
  AdminFollowSchedule,
  AdminUpdateResource,
} from "./admin/resource-booking/validators"
import {
  listHoldsQueryConfig as adminListHolds,
  listResourcesQueryConfig,
  retrieveResourceQueryConfig,
} from "./admin/resource-booking/query-config"
import { listHoldsQueryConfig as storeListHolds } from "./store/resource-booking/query-config"
import { keepStaysAcrossRegions, priceAddedStay, priceCreatedStays, priceUpdatedStay } from "./utils/price-stays"
import {
  StoreAvailabilityQuery,
  StoreCreateHolds,
  StoreExtendHold,
  StoreHoldAction,
  StoreListHolds,
} from "./store/resource-booking/validators"

// Admin routes are behind Medusa's admin authentication and store routes need
// a publishable API key, as for every /admin and /store route. Every body and
// query is validated here; unknown fields are refused. List and retrieve
// routes read through query.graph with the req.queryConfig their query config
// makes; routes that compute what they answer take no fields.
const retrieve = { isList: false, defaults: ["id"] }
// A route that answers `{ resource }` takes `fields`, as Medusa's own do.
const resourceFields = validateAndTransformQuery(AdminGetResource, retrieveResourceQueryConfig)
const ADMIN = "/admin/resource-booking"
const STORE = "/store/resource-booking"

export default defineMiddlewares({
  routes: [
    { matcher: `${ADMIN}/health`, methods: ["GET"], middlewares: [validateAndTransformQuery(AdminNoParams, retrieve)] },
    { matcher: `${ADMIN}/audit`, methods: ["GET"], middlewares: [validateAndTransformQuery(AdminAuditQuery, retrieve)] },
    { matcher: `${ADMIN}/cleanup`, methods: ["POST"], middlewares: [validateAndTransformBody(AdminCleanupBody)] },
    { matcher: `${ADMIN}/resources`, methods: ["GET"], middlewares: [validateAndTransformQuery(AdminListResources, listResourcesQueryConfig)] },
    { matcher: `${ADMIN}/resources`, methods: ["POST"], middlewares: [validateAndTransformBody(AdminCreateResource), resourceFields] },
    { matcher: `${ADMIN}/resources/:id`, methods: ["GET"], middlewares: [resourceFields] },
    { matcher: `${ADMIN}/resources/:id`, methods: ["DELETE"], middlewares: [validateAndTransformQuery(AdminNoParams, retrieve)] },
    { matcher: `${ADMIN}/resources/:id`, methods: ["POST"], middlewares: [validateAndTransformBody(AdminUpdateResource), resourceFields] },
    { matcher: `${ADMIN}/resources/:id/capacity`, methods: ["GET"], middlewares: [validateAndTransformQuery(AdminCapacityRange, retrieve)] },
    { matcher: `${ADMIN}/resources/:id/capacity`, methods: ["POST"], middlewares: [validateAndTransformBody(AdminSetCapacity)] },
    { matcher: `${ADMIN}/resources/:id/capacity/follow-schedule`, methods: ["POST"], middlewares: [validateAndTransformBody(AdminFollowSchedule)] },
    { matcher: `${ADMIN}/resources/:id/schedule`, methods: ["GET"], middlewares: [validateAndTransformQuery(AdminNoParams, retrieve)] },
    { matcher: `${ADMIN}/resources/:id/schedule`, methods: ["POST"], middlewares: [validateAndTransformBody(AdminSetSchedule)] },
    { matcher: `${ADMIN}/resources/:id/variants`, methods: ["POST"], middlewares: [validateAndTransformBody(AdminBatchResourceVariants), resourceFields] },
    { matcher: `${ADMIN}/holds`, methods: ["GET"], middlewares: [validateAndTransformQuery(AdminListHolds, adminListHolds)] },
    { matcher: `${ADMIN}/holds/:id/release`, methods: ["POST"], middlewares: [validateAndTransformBody(AdminNoParams)] },
    { matcher: `${ADMIN}/holds/:id/reschedule`, methods: ["POST"], middlewares: [validateAndTransformBody(AdminReschedule)] },
    { matcher: `${STORE}/resources/:id/availability`, methods: ["GET"], middlewares: [validateAndTransformQuery(StoreAvailabilityQuery, retrieve)] },
    { matcher: `${STORE}/variants/:id/availability`, methods: ["GET"], middlewares: [validateAndTransformQuery(StoreAvailabilityQuery, retrieve)] },
    { matcher: `${STORE}/holds`, methods: ["POST"], middlewares: [validateAndTransformBody(StoreCreateHolds)] },
    { matcher: `${STORE}/holds`, methods: ["GET"], middlewares: [validateAndTransformQuery(StoreListHolds, storeListHolds)] },
    { matcher: `${STORE}/holds/:id/release`, methods: ["POST"], middlewares: [validateAndTransformBody(StoreHoldAction)] },
    { matcher: `${STORE}/holds/:id/extend`, methods: ["POST"], middlewares: [validateAndTransformBody(StoreExtendHold)] },
    // A stay line's price (per night × nights), added to Medusa's validated body before its handler runs.
    { matcher: "/store/carts", methods: ["POST"], middlewares: [priceCreatedStays] },
    { matcher: "/store/carts/:id", methods: ["POST"], middlewares: [keepStaysAcrossRegions] },
    { matcher: "/store/carts/:id/line-items", methods: ["POST"], middlewares: [priceAddedStay] },
    { matcher: "/store/carts/:id/line-items/:line_id", methods: ["POST"], middlewares: [priceUpdatedStay] },
    // A customer's own order's calendar file, as Medusa authenticates its store routes for a customer's orders.
    { matcher: `${STORE}/orders/:id/calendar`, methods: ["GET"], middlewares: [authenticate("customer", ["session", "bearer"]), validateAndTransformQuery(AdminNoParams, retrieve)] },
  ],
})
