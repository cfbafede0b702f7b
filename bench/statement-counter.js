// Preloaded into the app by `npm run bench:http` (node -r ...): counts the
// SQL statements the app sends to PostgreSQL, so each row can say how many
// one request costs (a figure no other work on the machine can change). On
// SIGUSR2 it writes { signals, count } to STATEMENT_COUNT_DIR/count-<pid>.json.
const fs = require("fs")
const path = require("path")

const dir = process.env.STATEMENT_COUNT_DIR
if (dir) {
  // The app's own pg, the one knex drives.
  const pg = require(require.resolve("pg", { paths: [process.cwd()] }))
  const query = pg.Client.prototype.query
  let count = 0
  pg.Client.prototype.query = function (...args) {
    count++
    return query.apply(this, args)
  }
  let signals = 0
  process.on("SIGUSR2", () => {
    const file = path.join(dir, `count-${process.pid}.json`)
    fs.writeFileSync(`${file}.tmp`, JSON.stringify({ signals: ++signals, count }))
    fs.renameSync(`${file}.tmp`, file)
  })
}
