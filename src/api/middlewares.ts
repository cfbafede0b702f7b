import {
  defineMiddlewares,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import {
  AdminBatchResourceVariants,
  AdminCapacityRange,
  AdminCleanupBody,
  AdminCreateResource,
  AdminListHolds,
  AdminListResources,
  AdminNoParams,
  AdminSetCapacity,
  AdminUpdateResource,
} from "./admin/resource-booking/validators"
import {
  StoreAvailabilityQuery,
  StoreCreateHolds,
  StoreExtendHold,
  StoreHoldAction,
  StoreListHolds,
} from "./store/resource-booking/validators"

// Admin routes are behind Medusa's admin authentication and store routes need
// a publishable API key, as for every /admin and /store route. Every body and
// query is validated here; unknown fields are refused.
const list = { isList: true, defaults: ["id"] }
const retrieve = { isList: false, defaults: ["id"] }
const ADMIN = "/admin/resource-booking"
const STORE = "/store/resource-booking"

export default defineMiddlewares({
  routes: [
    { matcher: `${ADMIN}/health`, methods: ["GET"], middlewares: [validateAndTransformQuery(AdminNoParams, retrieve)] },
    { matcher: `${ADMIN}/cleanup`, methods: ["POST"], middlewares: [validateAndTransformBody(AdminCleanupBody)] },
    { matcher: `${ADMIN}/resources`, methods: ["GET"], middlewares: [validateAndTransformQuery(AdminListResources, list)] },
    { matcher: `${ADMIN}/resources`, methods: ["POST"], middlewares: [validateAndTransformBody(AdminCreateResource)] },
    { matcher: `${ADMIN}/resources/:id`, methods: ["GET", "DELETE"], middlewares: [validateAndTransformQuery(AdminNoParams, retrieve)] },
    { matcher: `${ADMIN}/resources/:id`, methods: ["POST"], middlewares: [validateAndTransformBody(AdminUpdateResource)] },
    { matcher: `${ADMIN}/resources/:id/capacity`, methods: ["GET"], middlewares: [validateAndTransformQuery(AdminCapacityRange, retrieve)] },
    { matcher: `${ADMIN}/resources/:id/capacity`, methods: ["POST"], middlewares: [validateAndTransformBody(AdminSetCapacity)] },
    { matcher: `${ADMIN}/resources/:id/variants`, methods: ["POST"], middlewares: [validateAndTransformBody(AdminBatchResourceVariants)] },
    { matcher: `${ADMIN}/holds`, methods: ["GET"], middlewares: [validateAndTransformQuery(AdminListHolds, list)] },
    { matcher: `${ADMIN}/holds/:id/release`, methods: ["POST"], middlewares: [validateAndTransformBody(AdminNoParams)] },
    { matcher: `${STORE}/resources/:id/availability`, methods: ["GET"], middlewares: [validateAndTransformQuery(StoreAvailabilityQuery, retrieve)] },
    { matcher: `${STORE}/variants/:id/availability`, methods: ["GET"], middlewares: [validateAndTransformQuery(StoreAvailabilityQuery, retrieve)] },
    { matcher: `${STORE}/holds`, methods: ["POST"], middlewares: [validateAndTransformBody(StoreCreateHolds)] },
    { matcher: `${STORE}/holds`, methods: ["GET"], middlewares: [validateAndTransformQuery(StoreListHolds, list)] },
    { matcher: `${STORE}/holds/:id/release`, methods: ["POST"], middlewares: [validateAndTransformBody(StoreHoldAction)] },
    { matcher: `${STORE}/holds/:id/extend`, methods: ["POST"], middlewares: [validateAndTransformBody(StoreExtendHold)] },
  ],
})
