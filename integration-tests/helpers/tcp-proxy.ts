import net from "net"

/**
 * A loopback TCP proxy to PostgreSQL that a test can take down (connections
 * cut, new ones refused) and bring back, to play a database outage. It leads
 * to the server DB_HOST/DB_PORT name when it is made (an embedded one for the
 * run need not be on 5432).
 */
export function pgProxy(
  port: number,
  target = { host: process.env.DB_HOST || "localhost", port: Number(process.env.DB_PORT || 5432) }
) {
  const sockets = new Set<net.Socket>()
  let server: net.Server | null = null
  const up = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host)
        for (const s of [client, upstream]) {
          sockets.add(s)
          s.on("close", () => sockets.delete(s))
          s.on("error", () => s.destroy())
        }
        client.pipe(upstream).pipe(client)
      })
      server.listen(port, "127.0.0.1", () => resolve())
    })
  const down = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy()
      if (!server) return resolve()
      server.close(() => resolve())
      server = null
    })
  return { up, down }
}
