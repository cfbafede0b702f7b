import { HOLD_FIELDS, HOLD_RESOURCE_FIELDS, RESOURCE_FIELDS } from "../../utils/fields"

// Medusa's query configs: validateAndTransformQuery turns them and the request's
// fields, limit, offset and order into req.queryConfig for query.graph.

export const retrieveResourceQueryConfig = { defaults: [...RESOURCE_FIELDS], isList: false }
export const listResourcesQueryConfig = { ...retrieveResourceQueryConfig, isList: true }
export const listHoldsQueryConfig = { defaults: [...HOLD_FIELDS, ...HOLD_RESOURCE_FIELDS], isList: true }
