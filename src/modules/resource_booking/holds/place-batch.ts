// Placing holds on a hot key. Requests for the same keys take the keys'
// advisory locks in PostgreSQL one after another; in a rush (one departure
// on sale, every shopper at once) that queue is the store's limit, and each
// turn in it pays a commit's flush and the wake-up of the next waiter. So a
// process keeps at most PIPELINE calls of the place function in flight per
// set of keys, and the requests that arrive meanwhile wait here and go
// together in the next call: one lock, one commit for all of them, each
// request still all or nothing on its own (holds/functions.ts). A request
// alone on its keys goes at once, as it would without this. Waiting here
// rather than on the lock also leaves the pool's other connections to the
// other keys.
import { json, type Op } from "../op"
import * as SQL from "./sql"

/** A request to place, as the place function takes it. */
export type PlaceRequest = {
  op: Op
  /** lockParameters of its keys: requests with the same go together. */
  lock: unknown[]
  /** HOLD_REQUEST's nine, then customer and metadata. */
  request: unknown[]
  items: number
}

/** What a request got: its holds (and the keys' lazily expired holds, given to one request of a call), or why not. */
export type Placed = { holds: Record<string, any>[]; expired: string[] } | { refusal: any[] }

/** Calls in flight per set of keys and process: one running under the lock, one on its way. */
const PIPELINE = 2
/** The most requests, and items, one call carries. */
const MAX_REQUESTS = 64
const MAX_ITEMS = 500

/** One call of the place function for requests on the same keys, in the first one's manager. */
export async function placeTogether(op: Op, lock: unknown[], requests: unknown[][]): Promise<Placed[]> {
  let out: { expired: string[]; results: any[] }
  try {
    const [{ result }] = await op.em.execute(SQL.PLACE_HOLDS_CALL, [...lock, json(requests)])
    out = result
  } catch (e: any) {
    // RB005: none took anything, and the call was undone; the detail says why for each.
    if (e?.code === "RB005" && typeof e?.detail === "string") {
      return JSON.parse(e.detail)
    }
    throw e
  }
  let expired = out.expired
  return out.results.map((r) => {
    if (!r.holds) {
      return r
    }
    const placed = { holds: r.holds, expired }
    expired = []
    return placed
  })
}

type Waiting = PlaceRequest & { resolve: (placed: Placed) => void; reject: (error: unknown) => void }
type Line = { sending: number; waiting: Waiting[] }

export class PlaceBatcher {
  private readonly lines = new Map<string, Line>()

  place(request: PlaceRequest): Promise<Placed> {
    const key = JSON.stringify(request.lock)
    const line = this.lines.get(key) ?? { sending: 0, waiting: [] }
    this.lines.set(key, line)
    const placed = new Promise<Placed>((resolve, reject) => line.waiting.push({ ...request, resolve, reject }))
    this.pump(key, line)
    return placed
  }

  private pump(key: string, line: Line): void {
    while (line.sending < PIPELINE && line.waiting.length) {
      const batch = next(line.waiting)
      line.sending++
      void send(batch).finally(() => {
        line.sending--
        this.pump(key, line)
      })
    }
    if (!line.sending && !line.waiting.length) {
      this.lines.delete(key)
    }
  }
}

/** The oldest waiting requests that fit in one call (at least one). */
function next(waiting: Waiting[]): Waiting[] {
  let n = 0
  let items = 0
  while (n < waiting.length && n < MAX_REQUESTS && (n === 0 || items + waiting[n].items <= MAX_ITEMS)) {
    items += waiting[n++].items
  }
  return waiting.splice(0, n)
}

async function send(batch: Waiting[]): Promise<void> {
  try {
    const placed = await placeTogether(batch[0].op, batch[0].lock, batch.map((w) => w.request))
    batch.forEach((w, i) => w.resolve(placed[i]))
  } catch (error) {
    if (batch.length === 1 || !undone(error)) {
      return batch.forEach((w) => w.reject(error))
    }
    // Not a refusal (those are results): each request goes alone, so that
    // one request's failure is its own.
    await Promise.all(
      batch.map((w) => placeTogether(w.op, w.lock, [w.request]).then(([placed]) => w.resolve(placed), w.reject))
    )
  }
}

/**
 * Whether PostgreSQL answered the call with an error, so that the statement
 * (and with it the whole call) was rolled back and may be sent again. A
 * connection lost or an operator's intervention (SQLSTATE classes 08, 57)
 * may have come after the commit: sending the requests again could hold twice.
 */
function undone(error: any): boolean {
  const code = error?.code
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && !/^(08|57)/.test(code)
}
