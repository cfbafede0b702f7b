/**
 * The little of axios that integration-tests/helpers/storefront.ts uses
 * (get, post; a 4xx throws with `response`), over fetch, so the bench drives
 * a checkout with the tests' own steps.
 */
export function fetchApi(base: string) {
  async function send(method: string, url: string, body: unknown, config?: { headers?: Record<string, string> }) {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { "content-type": "application/json", ...config?.headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const response = { status: res.status, data: await res.json().catch(() => ({})) }
    if (res.status >= 400) {
      throw Object.assign(new Error(`${method} ${url}: ${res.status}`), { response })
    }
    return response
  }
  return {
    get: (url: string, config?: { headers?: Record<string, string> }) => send("GET", url, undefined, config),
    post: (url: string, body: unknown, config?: { headers?: Record<string, string> }) => send("POST", url, body, config),
  }
}
