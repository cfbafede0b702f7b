// The programs and servers `npm test` needs besides Node and npm, and how to
// tell whether they are there.
const fs = require("fs")
const net = require("net")
const path = require("path")

/** The executable `name` on `PATH`, or null. */
function findExecutable(name, envPath = process.env.PATH || "") {
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue
    const file = path.join(dir, name)
    try {
      fs.accessSync(file, fs.constants.X_OK)
      if (fs.statSync(file).isFile()) return file
    } catch {
      // not here
    }
  }
  return null
}

/**
 * Sends `hello` (if any) to host:port and resolves with what comes back first,
 * or null when nothing accepts the connection within `timeoutMs`.
 */
function probe(host, port, { hello, timeoutMs = 2000 } = {}) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    const done = (value) => {
      socket.destroy()
      resolve(value)
    }
    socket.setTimeout(timeoutMs, () => done(null))
    socket.once("error", () => done(null))
    socket.once("connect", () => {
      if (!hello) return done("")
      socket.write(hello)
    })
    socket.once("data", (chunk) => done(chunk.toString("utf8")))
  })
}

const tcpAnswers = async (host, port) => (await probe(host, port)) !== null
const redisAnswers = async (host, port) => ((await probe(host, port, { hello: "PING\r\n" })) || "").startsWith("+PONG")

/** Polls `check` until it resolves true; rejects with `what` after `timeoutMs`. */
async function until(what, check, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/**
 * What to do about the programs the selected tests need: `needs` maps each
 * Debian package to the executable it provides (or null when the tests do not
 * need it). Returns the packages to install, or, when they cannot be installed
 * here, the one line that tells the user what to run.
 */
function planInstall(needs, { envPath = process.env.PATH, isRoot, hasAptGet }) {
  const missing = Object.entries(needs)
    .filter(([, exe]) => exe && !findExecutable(exe, envPath))
    .map(([pkg]) => pkg)
  if (!missing.length) return { install: [] }
  if (isRoot && hasAptGet) return { install: missing }
  return {
    install: [],
    message: `npm test needs ${missing.join(" and ")}, not installed here; run: sudo apt-get install -y ${missing.join(" ")}`,
  }
}

module.exports = { findExecutable, tcpAnswers, redisAnswers, until, planInstall }
