import net from "net"

/**
 * A loopback TCP proxy to PostgreSQL that delays every chunk by `delayMs` in
 * each direction, so a round trip costs 2 × delayMs more: a database across
 * a network, on one machine. Timers of equal delay fire in the order they
 * were set, so each direction keeps its byte order.
 */
export async function latencyProxy(target: { host: string; port: number }, delayMs: number) {
  const sockets = new Set<net.Socket>()
  const forward = (from: net.Socket, to: net.Socket) =>
    from.on("data", (chunk) => (delayMs > 0 ? setTimeout(() => to.write(chunk), delayMs) : to.write(chunk)))
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host)
    for (const s of [client, upstream]) {
      s.setNoDelay(true)
      sockets.add(s)
      s.on("close", () => {
        sockets.delete(s)
        // Let what is in flight arrive before the other side closes.
        setTimeout(() => (s === client ? upstream : client).end(), delayMs + 1)
      })
      s.on("error", () => s.destroy())
    }
    forward(client, upstream)
    forward(upstream, client)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()))
  const port = (server.address() as net.AddressInfo).port
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}
