import fs from "fs"
import os from "os"
import path from "path"

/**
 * The bench side of bench/statement-counter.js: `nodeArgs` and `env` to start
 * the app with, and `count()`, the statements the app (process `pid`) has
 * sent so far.
 */
export function statementCounter() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rb-statements-"))
  let signals = 0
  return {
    nodeArgs: ["-r", path.join(__dirname, "statement-counter.js")],
    env: { STATEMENT_COUNT_DIR: dir },
    async count(pid: number): Promise<number> {
      signals++
      process.kill(pid, "SIGUSR2")
      const deadline = Date.now() + 10_000
      for (;;) {
        const file = path.join(dir, `count-${pid}.json`)
        const seen = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : undefined
        if (seen && seen.signals >= signals) {
          return seen.count
        }
        if (Date.now() > deadline) {
          throw new Error("the app did not report how many statements it sent")
        }
        await new Promise((r) => setTimeout(r, 10))
      }
    },
    remove() {
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
