// The calls of the module's functions (holds/functions.ts), one statement each.

/**
 * Parameters: unshared, the locks' three, the requests (a JSON array, each
 * request the array of HOLD_REQUEST's nine, customer and metadata).
 */
export const PLACE_HOLDS_CALL = `
SELECT resource_booking_place_holds(?::boolean, ?::text, ?::text, ?::text, ?::text) AS result`

/** Parameters: unshared, the locks' three, kind, ids, order, minutes, cap, until. */
export const MOVE_HOLDS_CALL = `
SELECT resource_booking_move_holds(?::boolean, ?::text, ?::text, ?::text,
  ?::text, ?::text, ?::text, ?::int, ?::int, ?::text) AS result`

/** Parameters: unshared, the locks' three, expected, release, the request's nine, customer, metadata, bind, confirm, order. */
export const SYNC_CART_HOLDS_CALL = `
SELECT resource_booking_sync_cart_holds(?::boolean, ?::text, ?::text, ?::text, ?::text, ?::text,
  ?::text, ?::int, ?::int, ?::int, ?::boolean, ?::int, ?::text, ?::boolean, ?::text, ?::text, ?::text,
  ?::text, ?::boolean, ?::text) AS result`
