import fs from "fs"
import path from "path"

// Ids and every other input reach SQL only as bound parameters. This reads
// the source: every raw statement is a constant of a concern's sql.ts
// (holds/sql/, locks/sql.ts, ...), and those constants interpolate nothing
// but table names and other constants.
const SRC = path.join(__dirname, "../../src")
const MODULE = path.join(SRC, "modules/resource_booking")

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []
  )
}

// A concern's sql.ts, or its sql/ folder when its statements are many (holds/sql/).
const sqlFiles = () =>
  files(MODULE).filter((f) => path.basename(f) === "sql.ts" || path.basename(path.dirname(f)) === "sql")

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
      // The calls of the module's functions (holds/refusals.ts callFunction) pass a constant too.
      for (const m of text.matchAll(/callFunction\(\s*op,\s*([^,)]+)/g)) {
        calls.push(`${path.relative(SRC, file)}: ${m[1].trim()}`)
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
    // The generic runners pass their callers' constants through.
    const generic = calls.filter((c) => c.endsWith(": sql"))
    expect(generic.sort()).toEqual(["modules/resource_booking/holds/refusals.ts: sql", "modules/resource_booking/service.ts: sql"])
  })

  it("the sql.ts files interpolate only table names and fixed fragments", () => {
    const sources = sqlFiles()
    expect(sources.map((f) => path.relative(MODULE, f)).sort()).toEqual(
      ["audit/sql.ts", "capacity/sql.ts", "health/sql.ts", "holds/sql/calls.ts", "holds/sql/carts.ts", "holds/sql/index.ts", "holds/sql/orders.ts", "holds/sql/place.ts", "holds/sql/transitions.ts", "locks/sql.ts", "resources/sql.ts", "schedule/sql.ts", "sweep/sql.ts", "time/sql.ts", "unpaid/sql.ts"]
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
      /^(lockKey|tryLockKey)\("[a-z_.]+", "[a-z_.]+", "[a-z_.]+"(, unshared)?\)$/,
      /^resourceLockId\("[a-z_.]+"(, unshared)?\)$/,
      // The locks' CTEs, with the load-time fragment or the functions' (UNSHARED_BY_PARAMETER).
      /^locked\((UNSHARED|unshared)\)$/,
      // tryLockKey passing its own parameters on.
      /^(lockKey\(resource, date, slot\)|resourceLockId\(resource\))$/,
    ]
    // Inside lockKey and restoringTransition, whose arguments are literals in these files.
    const templateParameters = /^(resource|date|slot|stamp|status|where|before|from|zone|cutoff|r|fallback|startsAt|endsAt|unshared)$/
    // That fragment is one of two literals, never anything read from input.
    expect(text).toContain(`const UNSHARED = locksSwitchedOff(process.env) ? " # pg_backend_pid()" : ""
`)
    expect(text).toContain(`export const UNSHARED_BY_PARAMETER = " # CASE WHEN p_unshared THEN pg_backend_pid() ELSE 0 END"
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

  // The functions' bodies (holds/functions.ts) are the statements above, their
  // placeholders named after the functions' own parameters, and fixed PL/pgSQL.
  it("the module's functions are built only from the statements and fixed text", () => {
    const text = fs.readFileSync(path.join(MODULE, "holds/functions.ts"), "utf8")
    const interpolations = [...text.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1])
    const allowed = [
      /^bindNames\((SQL\.[A-Z_]+|lockAndExpireForKeys\(UNSHARED_BY_PARAMETER\)|SQL\.INSERT_HOLDS|SQL\.CAPACITY_FOR_ITEMS), (\[[^\]]*\]|LOCK_PARAMS|REQUEST_PARAMS)\)$/,
      /^bindNames\(SQL\.INSERT_HOLDS, \[\.\.\.REQUEST_PARAMS, "p_customer", "p_metadata"\]\)$/,
      /^refuseUnless\("RB00[0-9]", "[a-z]+", "[a-z ]+"\)$/,
      /^(LOCK_AND_EXPIRE|(INSERT_OR_REFUSE|TAKE|READ_REFUSAL)(\.replace\(\/\\n\/g, "\\n  "\))?|TOOK_NOTHING|DECLARE|declare|LOCK_SIGNATURE|REQUEST_SIGNATURE|name|signature|body|code|status|what|[A-Z_]+_FUNCTION|names\.length|i|argTypes\(signature\)|f\.procedure)$/,
    ]
    expect(interpolations.filter((i) => !allowed.some((re) => re.test(i)))).toEqual([])
    // bindNames' names are identifiers or fixed expressions of them, never input.
    for (const m of text.matchAll(/bindNames\([^,]+, \[([^\]]*)\]\)/g)) {
      expect(m[1]).toMatch(/^("[a-z_]+(::text)?"|"\(p_ids::jsonb ->> 0\)"|\.\.\.REQUEST_PARAMS)(, ("[a-z_]+(::text)?"|"\(p_ids::jsonb ->> 0\)"|\.\.\.REQUEST_PARAMS))*$/)
    }
  })
})
