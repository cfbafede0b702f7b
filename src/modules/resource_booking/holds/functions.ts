// The module's PL/pgSQL functions: the locked part of placing holds, moving
// them between statuses and a cart's sync, each in ONE round trip from the
// lock to the commit (docs/design.md §2.8). Their bodies are the statements
// of holds/sql/ and locks/sql.ts, put together here; a migration creates
// them (frozen text), and
// integration-tests/modules/hold-functions.spec.ts fails when the database's
// functions no longer match what this file builds from the statements: a
// change to a statement then needs a migration (`npm run db:functions`).
//
// No `?` anywhere in a body: the driver would take it for a placeholder.
//
// Called as a single autocommit statement, a VOLATILE function runs each
// statement with a fresh snapshot under READ COMMITTED, so everything after
// the locks sees every row committed before they were granted; times come
// from clock_timestamp(), as in the statements themselves.
import { lockAndExpireForKeys, UNSHARED_BY_PARAMETER } from "../locks/sql"
import * as SQL from "./sql"

/** A statement's `?` placeholders, in order, as the function's own names. */
export function bindNames(sql: string, names: string[]): string {
  let i = 0
  const out = sql.replace(/\?/g, () => {
    if (i >= names.length) {
      throw new Error(`more placeholders than the ${names.length} names given`)
    }
    return names[i++]
  })
  if (i !== names.length) {
    throw new Error(`${names.length} names for ${i} placeholders`)
  }
  return out
}

const LOCK_PARAMS = ["p_resources", "p_keys", "p_expire"]
const REQUEST_PARAMS = [
  "p_cart",
  "p_ttl",
  "p_default_ttl",
  "p_default_max_hold",
  "p_capped",
  "p_max_per_cart",
  "p_zone",
  "p_use_cutoff",
  "p_items",
]
const REQUEST_SIGNATURE = `p_cart text, p_ttl int, p_default_ttl int, p_default_max_hold int, p_capped boolean,
  p_max_per_cart int, p_zone text, p_use_cutoff boolean, p_items text`
const LOCK_SIGNATURE = "p_unshared boolean, p_resources text, p_keys text, p_expire text"

/** Lock the keys (blocking until granted) and expire their overdue holds; ids into v_expired. */
const LOCK_AND_EXPIRE = `
  FOR v_row IN ${bindNames(lockAndExpireForKeys(UNSHARED_BY_PARAMETER), LOCK_PARAMS)} LOOP
    v_expired := v_expired || to_jsonb(v_row.id);
  END LOOP;`

/** INSERT_HOLDS for the request (the p_ names), its holds into v_created. */
const TAKE = `
  FOR v_row IN ${bindNames(SQL.INSERT_HOLDS, [...REQUEST_PARAMS, "p_customer", "p_metadata"])} LOOP
    v_created := v_created || to_jsonb(v_row);
  END LOOP;`

/** Whether the request took nothing (INSERT_HOLDS is all or nothing). */
const TOOK_NOTHING = "jsonb_array_length(v_created) <> jsonb_array_length(p_items::jsonb)"

/** Why the request took nothing, into v_refusal: CAPACITY_FOR_ITEMS, read under the same locks. */
const READ_REFUSAL = `
    SELECT coalesce(jsonb_agg(to_jsonb(x)), '[]'::jsonb) INTO v_refusal
    FROM (${bindNames(SQL.CAPACITY_FOR_ITEMS, REQUEST_PARAMS)}) x;`

/** TAKE; when it took nothing, RB001 with the refusal's rows as detail. */
const INSERT_OR_REFUSE = `${TAKE}
  IF ${TOOK_NOTHING} THEN${READ_REFUSAL}
    RAISE EXCEPTION USING ERRCODE = 'RB001', MESSAGE = 'resource_booking: the holds could not be taken', DETAIL = v_refusal::text;
  END IF;`

/** RB00n with the first hold of v_holds whose status is not `status` as detail. */
const refuseUnless = (code: string, status: string, what: string) => `
    SELECT value INTO v_refusal FROM jsonb_array_elements(v_holds) WHERE value ->> 'status' <> '${status}' LIMIT 1;
    IF v_refusal IS NOT NULL THEN
      RAISE EXCEPTION USING ERRCODE = '${code}', MESSAGE = 'resource_booking: ${what}', DETAIL = v_refusal::text;
    END IF;`

const DECLARE = `
DECLARE
  v_row record;
  v_expired jsonb := '[]'::jsonb;
  v_created jsonb := '[]'::jsonb;
  v_changed jsonb := '[]'::jsonb;
  v_refusal jsonb;
  v_holds jsonb;
  v_covering jsonb;
  v_unchanged boolean;`

export const PLACE_HOLDS_FUNCTION = "resource_booking_place_holds"
export const MOVE_HOLDS_FUNCTION = "resource_booking_move_holds"
export const SYNC_CART_FUNCTION = "resource_booking_sync_cart_holds"

/** "p_a text, p_b int" → "text, int": how PostgreSQL names a function's parameters in a regprocedure. */
const argTypes = (signature: string) =>
  signature
    .split(",")
    .map((parameter) => parameter.trim().split(/\s+/)[1])
    .join(", ")

/** A function as the migration creates it, and its name with its parameters' types (a regprocedure). */
export type ModuleFunction = { ddl: string; procedure: string }

const define = (name: string, signature: string, body: string, declare = ""): ModuleFunction => ({
  ddl: `CREATE OR REPLACE FUNCTION ${name}(${signature}) RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $function$${DECLARE}${declare}
BEGIN${body}
END
$function$;`,
  procedure: `${name}(${argTypes(signature)})`,
})

/**
 * placeHolds for one or more requests on the same keys (holds/place-batch.ts
 * sends those that wait on a hot key together): lock and expire once, then
 * each request in order, all or nothing on its own, each INSERT_HOLDS seeing
 * what the requests before it took. Returns `{ expired, results }`, a result
 * per request: `{ holds }`, or `{ refusal }` with CAPACITY_FOR_ITEMS's rows
 * (read under the same locks) for a request that took nothing. When no
 * request took anything, RB005 with the results as detail: like every
 * refusal in these functions (an RB00n error whose detail the caller words,
 * holds/refusals.ts), it undoes the whole call, the lazy expiry too, as the
 * transaction it replaces did.
 */
const placeHolds = define(
  PLACE_HOLDS_FUNCTION,
  `${LOCK_SIGNATURE}, p_requests text`,
  `${LOCK_AND_EXPIRE}
  FOR v_request IN SELECT value FROM jsonb_array_elements(p_requests::jsonb) LOOP
    p_cart := v_request ->> 0; p_ttl := (v_request ->> 1)::int; p_default_ttl := (v_request ->> 2)::int;
    p_default_max_hold := (v_request ->> 3)::int; p_capped := (v_request ->> 4)::boolean;
    p_max_per_cart := (v_request ->> 5)::int; p_zone := v_request ->> 6; p_use_cutoff := (v_request ->> 7)::boolean;
    p_items := v_request ->> 8; p_customer := v_request ->> 9; p_metadata := v_request ->> 10;
    v_created := '[]'::jsonb;${TAKE.replace(/\n/g, "\n  ")}
    IF ${TOOK_NOTHING} THEN${READ_REFUSAL.replace(/\n/g, "\n  ")}
      v_results := v_results || jsonb_build_array(jsonb_build_object('refusal', v_refusal));
    ELSE
      v_took := true;
      v_results := v_results || jsonb_build_array(jsonb_build_object('holds', v_created));
    END IF;
  END LOOP;
  IF NOT v_took THEN
    RAISE EXCEPTION USING ERRCODE = 'RB005', MESSAGE = 'resource_booking: none of the holds could be taken', DETAIL = v_results::text;
  END IF;
  RETURN jsonb_build_object('expired', v_expired, 'results', v_results);`,
  `
  v_request jsonb;
  v_results jsonb := '[]'::jsonb;
  v_took boolean := false;
  p_cart text; p_ttl int; p_default_ttl int; p_default_max_hold int; p_capped boolean;
  p_max_per_cart int; p_zone text; p_use_cutoff boolean; p_items text; p_customer text; p_metadata text;`
)

/**
 * A transition of holds whose keys the caller read: lock, expire, move (one
 * of the kinds below) and read the holds as they now are. Returns
 * `{ expired, changed, holds }`; refuses a strict release of a hold that is
 * not active (RB003) and an extension that moved nothing (RB004), with the
 * hold as detail.
 */
const moveHolds = define(
  MOVE_HOLDS_FUNCTION,
  `${LOCK_SIGNATURE}, p_kind text, p_ids text, p_order text, p_minutes int, p_cap int, p_until text`,
  `${LOCK_AND_EXPIRE}
  IF p_kind = 'confirm' THEN
    FOR v_row IN ${bindNames(SQL.CONFIRM_HOLDS, ["p_order", "p_ids"])} LOOP v_changed := v_changed || to_jsonb(v_row.id); END LOOP;
  ELSIF p_kind = 'unconfirm' THEN
    FOR v_row IN ${bindNames(SQL.UNCONFIRM_HOLDS, ["p_ids"])} LOOP v_changed := v_changed || to_jsonb(v_row.id); END LOOP;
  ELSIF p_kind IN ('release', 'release_strict') THEN
    FOR v_row IN ${bindNames(SQL.RELEASE_HOLDS, ["p_ids"])} LOOP v_changed := v_changed || to_jsonb(v_row.id); END LOOP;
  ELSIF p_kind = 'cancel' THEN
    FOR v_row IN ${bindNames(SQL.CANCEL_HOLDS, ["p_ids"])} LOOP v_changed := v_changed || to_jsonb(v_row.id); END LOOP;
  ELSIF p_kind = 'extend' THEN
    FOR v_row IN ${bindNames(SQL.EXTEND_HOLD, ["p_minutes", "(p_ids::jsonb ->> 0)", "p_minutes", "p_cap"])} LOOP v_changed := v_changed || to_jsonb(v_row.id); END LOOP;
  ELSIF p_kind = 'shorten' THEN
    FOR v_row IN ${bindNames(SQL.SHORTEN_HOLD, ["p_until", "(p_ids::jsonb ->> 0)", "p_until"])} LOOP v_changed := v_changed || to_jsonb(v_row.id); END LOOP;
  ELSE
    RAISE EXCEPTION 'unknown kind of hold move: %', p_kind;
  END IF;
  SELECT coalesce(jsonb_agg(to_jsonb(x)), '[]'::jsonb) INTO v_holds FROM (${bindNames(SQL.HOLDS_BY_IDS, ["p_ids"])}) x;
  IF p_kind = 'release_strict' THEN${refuseUnless("RB003", "released", "only active holds can be released")}
  ELSIF p_kind = 'extend' AND jsonb_array_length(v_changed) = 0 THEN
    v_refusal := v_holds -> 0;
    RAISE EXCEPTION USING ERRCODE = 'RB004', MESSAGE = 'resource_booking: the hold cannot be extended', DETAIL = v_refusal::text;
  END IF;
  RETURN jsonb_build_object('expired', v_expired, 'changed', v_changed, 'holds', v_holds);`
)

/**
 * A cart's sync, planned by the caller from the cart's holds as it read them
 * (holds/cart-sync.ts): lock, expire, and, only if the cart's live holds are
 * still those it planned from, release, take, bind and (at checkout) confirm
 * every hold covering a line. Otherwise `{ stale: true }` and the caller
 * plans again. Refuses as placeHolds does when there is no room (RB001),
 * and at checkout when a covering hold lapsed (RB002, the hold as detail).
 */
const syncCartHolds = define(
  SYNC_CART_FUNCTION,
  `${LOCK_SIGNATURE}, p_expected text, p_release text, ${REQUEST_SIGNATURE}, p_customer text, p_metadata text,
  p_bind text, p_confirm boolean, p_order text`,
  `${LOCK_AND_EXPIRE}
  SELECT unchanged INTO v_unchanged FROM (${bindNames(SQL.CART_HOLDS_UNCHANGED, ["p_cart", "p_expected", "p_expected", "p_cart"])}) x;
  IF NOT v_unchanged THEN
    RETURN jsonb_build_object('stale', true, 'expired', v_expired);
  END IF;
  FOR v_row IN ${bindNames(SQL.RELEASE_HOLDS, ["p_release"])} LOOP v_changed := v_changed || to_jsonb(v_row.id); END LOOP;
  IF jsonb_array_length(p_items::jsonb) > 0 THEN${INSERT_OR_REFUSE.replace(/\n/g, "\n  ")}
  END IF;
  FOR v_row IN ${bindNames(SQL.BIND_HOLDS, ["p_bind"])} LOOP END LOOP;
  v_holds := '[]'::jsonb;
  IF p_confirm THEN
    SELECT coalesce(jsonb_agg(x.id), '[]'::jsonb) INTO v_covering FROM (${bindNames(SQL.CART_HOLDS, ["p_cart"])}) x
    WHERE x.status = 'active' AND x.line_item_id IS NOT NULL;
    FOR v_row IN ${bindNames(SQL.CONFIRM_HOLDS, ["p_order", "v_covering::text"])} LOOP v_holds := v_holds || to_jsonb(v_row.id); END LOOP;
    IF jsonb_array_length(v_holds) <> jsonb_array_length(v_covering) THEN
      SELECT coalesce(jsonb_agg(to_jsonb(x)), '[]'::jsonb) INTO v_holds FROM (${bindNames(SQL.HOLDS_BY_IDS, ["v_covering::text"])}) x;${refuseUnless("RB002", "confirmed", "a hold lapsed during checkout")}
    END IF;
  END IF;
  RETURN jsonb_build_object('expired', v_expired, 'released', v_changed, 'created', v_created, 'confirmed', v_holds);`
)

/**
 * What the migration creates, in order. A function whose parameters changed
 * is a new one beside the old (PostgreSQL tells them apart by their types):
 * processes of the previous version keep calling theirs during a rolling
 * deploy.
 */
export const FUNCTIONS = [placeHolds, moveHolds, syncCartHolds]

/** What the migration's down() drops before it puts back the previous ones. */
export const DROP_FUNCTIONS = FUNCTIONS.map((f) => `DROP FUNCTION IF EXISTS ${f.procedure}`)
