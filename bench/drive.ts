import { percentile } from "./percentile"

export type Driven = {
  /** Every request's time, ms, to merge rounds. */
  times: number[]
  requests: number
  ok: number
  failed: number
  /** The first failure's status and body, to say what went wrong. */
  first_failure?: string
  seconds: number
  per_s: number
  /** Mean time per request, ms: what one shopper waits. */
  mean_ms: number
  p50: number
  p95: number
  p99: number
}

/** One request's outcome: whether it did what was asked, and what to say if not. */
export type Outcome = { ok: boolean; detail?: string }

/**
 * `clients` closed-loop clients (each sends its next request when the last
 * one answered, over Node's keep-alive fetch): until every job is taken when
 * `jobs` is given (each request consumes one: a fresh cart, say), else for
 * `seconds`. Throughput is requests over wall time; the latencies are each
 * request's own.
 */
export async function drive<J>(
  opts: { clients: number; jobs?: J[]; seconds?: number },
  send: (job: J | undefined, i: number) => Promise<Outcome>
): Promise<Driven> {
  const times: number[] = []
  let ok = 0
  let failed = 0
  let firstFailure: string | undefined
  let next = 0
  const deadline = Date.now() + (opts.seconds ?? 0) * 1000
  const more = () => (opts.jobs ? next < opts.jobs.length : Date.now() < deadline)
  const started = performance.now()
  await Promise.all(
    Array.from({ length: opts.clients }, async () => {
      while (more()) {
        const i = next++
        const t = performance.now()
        const outcome = await send(opts.jobs?.[i], i).catch((e): Outcome => ({ ok: false, detail: String(e) }))
        times.push(performance.now() - t)
        if (outcome.ok) {
          ok++
        } else {
          failed++
          firstFailure ??= outcome.detail
        }
      }
    })
  )
  return summarize(times, (performance.now() - started) / 1000, ok, failed, firstFailure)
}

function summarize(times: number[], seconds: number, ok: number, failed: number, firstFailure?: string): Driven {
  return {
    times,
    requests: times.length,
    ok,
    failed,
    first_failure: firstFailure,
    seconds: Math.round(seconds * 100) / 100,
    per_s: Math.round((times.length / seconds) * 10) / 10,
    mean_ms: Math.round((times.reduce((a, b) => a + b, 0) / Math.max(1, times.length)) * 10) / 10,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
  }
}

/** A JSON request; ok when the status is 2xx and `check` (if any) accepts the body. */
export async function request(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown },
  check?: (data: any) => boolean
): Promise<Outcome> {
  const res = await fetch(url, {
    method: init.method ?? "GET",
    headers: { "content-type": "application/json", ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
  const text = await res.text()
  if (res.status < 300 && (!check || check(JSON.parse(text)))) {
    return { ok: true }
  }
  return { ok: false, detail: `${init.method ?? "GET"} ${new URL(url).pathname}: ${res.status} ${text.slice(0, 300)}` }
}

/** Several rounds of one row as one: requests over the rounds' summed wall time. */
export function merge(rounds: Driven[]): Driven {
  return summarize(
    rounds.flatMap((r) => r.times),
    rounds.reduce((a, r) => a + r.seconds, 0),
    rounds.reduce((a, r) => a + r.ok, 0),
    rounds.reduce((a, r) => a + r.failed, 0),
    rounds.find((r) => r.first_failure)?.first_failure
  )
}
