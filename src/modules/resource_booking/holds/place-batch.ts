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

/** A request waiting its turn; `alone` once a call carrying it failed. */
type Waiting = PlaceRequest & { alone?: boolean; resolve: (placed: Placed) => void; reject: (error: unknown) => void }
type Line = { sending: number; waiting: Waiting[] }

/**
 * After this long a call no longer keeps its place in flight: a connection
 * that went silent must not stop a key in this process for good. The call
 * still answers its own requests whenever it ends.
 */
const STALLED_MS = 10_000

export class PlaceBatcher {
  private readonly lines = new Map<string, Line>()

  place(request: PlaceRequest): Promise<Placed> {
    return new Promise<Placed>((resolve, reject) => this.queue(JSON.stringify(request.lock), [{ ...request, resolve, reject }]))
  }

  /** Adds requests to their keys' line (at its end, or first when they go again alone) and sends what may go. */
  private queue(key: string, requests: Waiting[], first = false): void {
    const line = this.lines.get(key) ?? { sending: 0, waiting: [] }
    this.lines.set(key, line)
    if (first) {
      line.waiting.unshift(...requests)
    } else {
      line.waiting.push(...requests)
    }
    this.pump(key, line)
  }

  private pump(key: string, line: Line): void {
    while (line.sending < PIPELINE && line.waiting.length) {
      const batch = next(line.waiting)
      line.sending++
      let done = false
      const free = () => {
        if (!done) {
          done = true
          clearTimeout(stalled)
          line.sending--
          this.pump(key, line)
        }
      }
      const stalled = setTimeout(free, STALLED_MS)
      stalled.unref?.()
      void this.send(key, batch).finally(free)
    }
    if (!line.sending && !line.waiting.length && this.lines.get(key) === line) {
      this.lines.delete(key)
    }
  }

  private async send(key: string, batch: Waiting[]): Promise<void> {
    try {
      const placed = await placeTogether(batch[0].op, batch[0].lock, batch.map((w) => w.request))
      batch.forEach((w, i) => w.resolve(placed[i]))
    } catch (error) {
      if (batch.length === 1) {
        return batch[0].reject(error)
      }
      // Not a refusal (those are results): the call was undone, or its
      // connection lost. Each request goes again alone, first in the line, so
      // that one request's failure is its own. Sending one again is safe
      // whatever happened: its holds' ids were made before it was sent, so a
      // call that did commit cannot commit twice (the second fails on the key).
      this.queue(key, batch.map((w) => ({ ...w, alone: true })), true)
    }
  }
}

/** The oldest waiting requests that fit in one call (at least one; one that must go alone goes alone). */
function next(waiting: Waiting[]): Waiting[] {
  let n = 0
  let items = 0
  while (
    n < waiting.length &&
    n < MAX_REQUESTS &&
    (n === 0 || (!waiting[0].alone && !waiting[n].alone && items + waiting[n].items <= MAX_ITEMS))
  ) {
    items += waiting[n++].items
  }
  return waiting.splice(0, n)
}
