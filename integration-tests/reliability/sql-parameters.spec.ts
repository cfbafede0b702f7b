import fs from "fs"
import path from "path"

// Ids and every other input reach SQL only as bound parameters. This reads
// the source: every raw statement is a constant of a concern's sql.ts
// (holds/sql.ts, locks/sql.ts, ...), and those constants interpolate nothing
// but table names and other constants.
const SRC = path.join(__dirname, "../../src")
const MODULE = path.join(SRC, "modules/resource_booking")

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []
  )
}

const sqlFiles = () => files(MODULE).filter((f) => path.basename(f) === "sql.ts")

describe("SQL is never built from input", () => {
  it("every execute() runs a constant of a sql.ts", () => {
    const exported = new Set(
      sqlFiles().flatMap((f) => [...fs.readFileSync(f, "utf8").matchAll(/export const ([A-Z_]+) =/g)].map((m) => m[1]))
    )
    const calls: string[] = []
    for (const file of files(SRC)) {
      const text = fs.readFileSync(file, "utf8")
      for (const m of text.matchAll(/(\w+)!?\.execute\(\s*([^,)]+)/g)) {
        // Medusa's locking module's execute(keys, job) runs a job under its locks, no SQL.
        if (m[1] !== "locking") {
          calls.push(`${path.relative(SRC, file)}: ${m[2].trim()}`)
        }
      }
      // In the module, statements run through a RunStatement (run(SQL.X, params)) are constants too.
      for (const m of file.startsWith(MODULE) ? text.matchAll(/(?<![.\w])run\(\s*([^,)]+)/g) : []) {
        calls.push(`${path.relative(SRC, file)}: ${m[1].trim()}`)
      }
      // No query builder escape hatches with raw strings either.
      expect(text).not.toMatch(/\.raw\(\s*`[^`]*\$\{/)
      expect(text).not.toMatch(/getKnex\(\)/)
    }
    expect(calls.length).toBeGreaterThan(10)
    const notConstant = calls.filter((c) => {
      const m = /: (?:SQL\.)?([A-Z_]+)$/.exec(c)
      return !(m && exported.has(m[1])) && !c.endsWith(": sql")
    })
    expect(notConstant).toEqual([])
    // The one generic runner passes its caller's constant through.
    const generic = calls.filter((c) => c.endsWith(": sql"))
    expect(generic).toEqual(["modules/resource_booking/service.ts: sql"])
  })

  it("the sql.ts files interpolate only table names and fixed fragments", () => {
    const sources = sqlFiles()
    expect(sources.map((f) => path.relative(MODULE, f)).sort()).toEqual(
      ["audit/sql.ts", "capacity/sql.ts", "health/sql.ts", "holds/sql.ts", "locks/sql.ts", "resources/sql.ts", "schedule/sql.ts", "sweep/sql.ts", "time/sql.ts", "unpaid/sql.ts"]
    )
    const text = sources.map((f) => fs.readFileSync(f, "utf8")).join("\n")
    const interpolations = [...text.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1])
    const constants = [
      /^T_(RESOURCE|CAPACITY|HOLD|RUN|VARIANT_LINK|ALERT)$/,
      // A numeric limit (utils/limits.ts).
      /^MAX_STAY_NIGHTS$/,
      /^(KEYS|RESOURCES|LOCKED|RESOURCE_LOCKS|LOOKUPS|HOLD_REQUEST|CAP_OF_HOLD|DELETED_WITH_RESOURCE|DAY_KEYS|SOLD_SLOT|TODAY|FINISHED_BEFORE|OLD_RUNS)$/,
      // Local time (time/sql.ts): fragments built from the literals below.
      /^(TODAY_ANYWHERE|RESOURCE_TODAY)$/,
      /^(WINDOW|AVAILABLE_WINDOW|KEY_WINDOW)\.(startsAt|salesEnd|exists)$/,
      /^localToday\("[a-z_.,() ?:]+"\)$/,
      // A fixed fragment, chosen at load by the test-only lock switch.
      /^UNSHARED$/,
      /^(lockKey|tryLockKey)\("[a-z_.]+", "[a-z_.]+", "[a-z_.]+"\)$/,
      /^resourceLockId\("[a-z_.]+"\)$/,
      // tryLockKey passing its own parameters on.
      /^(lockKey\(resource, date, slot\)|resourceLockId\(resource\))$/,
    ]
    // Inside lockKey and restoringTransition, whose arguments are literals in these files.
    const templateParameters = /^(resource|date|slot|stamp|status|where|before|from|zone|cutoff|r|fallback|startsAt|endsAt)$/
    // That fragment is one of two literals, never anything read from input.
    expect(text).toContain(`const UNSHARED = locksSwitchedOff(process.env) ? " # pg_backend_pid()" : ""
`)
    const unexpected = interpolations.filter((i) => ![...constants, templateParameters].some((re) => re.test(i)))
    expect(unexpected).toEqual([])
    // The local-time fragments are only made from literals.
    const windows = [...text.matchAll(/= saleWindow\(([^\n]*)\)\n/g)]
    expect(windows.length).toBe(3)
    for (const m of windows) {
      expect(m[1]).toMatch(/^("[^"$`]*"|'[^'$`]*')(, ("[^"$`]*"|'[^'$`]*'))*$/)
    }
    // restoringTransition is only called with literals built from the constants above.
    const calls = [...text.matchAll(/= restoringTransition\(\s*([\s\S]*?)\n\)/g)]
    expect(calls.length).toBeGreaterThanOrEqual(2)
    for (const m of calls) {
      const inArguments = [...m[1].matchAll(/\$\{([^}]*)\}/g)].map((x) => x[1])
      expect(inArguments.filter((i) => !constants.some((re) => re.test(i)))).toEqual([])
    }
  })
})
