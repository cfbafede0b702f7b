import { HOLD_FIELDS } from "../../utils/fields"

// Medusa's query config: validateAndTransformQuery turns it and the request's
// fields, limit, offset and order into req.queryConfig for query.graph.

export const listHoldsQueryConfig = { defaults: [...HOLD_FIELDS], isList: true }
