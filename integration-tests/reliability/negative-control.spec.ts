import { spawn } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"
import { locksSwitchedOff } from "../../src/modules/resource_booking/locks"
import { databaseUrl, RUN_ID } from "../helpers/run"

jest.setTimeout(300_000)

// The negative control (as pretix keeps one): the tests that guard against
// races must be able to see the races. With the advisory locks switched off
// (RB_UNSAFE_NO_LOCKS=1, honoured only with NODE_ENV=test) they are run again
// in a jest of their own, and each must fail, showing the breach the locks
// prevent. A test that passed there could no longer tell locks from no locks.
const ROOT = path.join(__dirname, "../..")
const JEST = path.join(ROOT, "node_modules/.bin/jest")
const MEDUSA = path.join(ROOT, "node_modules/.bin/medusa")

/**
 * A race got through: a row of the invariant query (it has "used"); the
 * capacity CHECK refusing an oversell the service attempted; a refusal the
 * service could not explain, its two reads of capacity having disagreed; or
 * holds deadlocking on capacity rows they no longer lock in order.
 */
const BREACH = /"used": \d+|booking_capacity_available_in_range|could not be created; nothing was changed|deadlock detected/

/** Each test that must fail without the locks (by the start of its title), and what its failure must show. */
const MUST_FAIL: { file: string; title: string; shows: RegExp }[] = [
  // Forced interleavings (helpers/interleave.ts): each breaks the same way every time.
  {
    file: "modules/lock-races.spec.ts",
    title: "setCapacity waits for a hold being written",
    // Two seats sold twice: 4 held on a maximum of 2.
    shows: /\+\s+"seats_held": 4,/,
  },
  {
    file: "modules/lock-races.spec.ts",
    title: "setCapacity waits for a release being written",
    // The two released seats are lost: 1 available, none held, on a maximum of 3.
    shows: /\+\s+"available": 1,/,
  },
  {
    file: "modules/lock-races.spec.ts",
    title: "a second sync of the same cart waits for the first",
    shows: /\+\s+"active_holds_of_the_line": 2,/,
  },
  {
    file: "modules/lock-races.spec.ts",
    title: "softDeleteResources waits for a hold being written",
    shows: /\+\s+"live_holds_on_deleted_resources": 1,/,
  },
  { file: "modules/lock-races.spec.ts", title: "holds racing setCapacity on one day", shows: /\+\s+"used": \d+,/ },
  // Random concurrent load: some round breaks, which one is chance.
  { file: "modules/property.spec.ts", title: "keeps the invariant under", shows: BREACH },
  // Concurrent holds alone: the capacity CHECK refuses the oversell the service attempted.
  { file: "modules/holds.spec.ts", title: "never overbooks: 50 simultaneous holds", shows: BREACH },
  { file: "modules/sweep.spec.ts", title: "sweeps racing with placeHolds on the same keys", shows: BREACH },
]

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
// jest colours its messages when it thinks it writes to a terminal.
const plain = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, "")

/** Where a failure message says what differed (fast-check puts its counterexample first). */
const excerpt = (message: string) => message.slice(Math.max(0, message.indexOf("Expected")), message.indexOf("Expected") + 3000)

function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] })
    let output = ""
    child.stdout.on("data", (c) => (output += c))
    child.stderr.on("data", (c) => (output += c))
    child.once("error", reject)
    child.once("exit", (code) => resolve({ code, output }))
  })
}

describe("negative control: without the advisory locks", () => {
  it("the race, property and concurrency tests fail, each showing the breach", async () => {
    const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rb-negative-control-")), "report.json")
    try {
      const files = [...new Set(MUST_FAIL.map((t) => path.join("integration-tests", t.file)))]
      const { output } = await run(
        JEST,
        [
          "--runInBand",
          "--forceExit",
          "--ci",
          "--json",
          `--outputFile=${report}`,
          `--testNamePattern=${MUST_FAIL.map((t) => escapeRegExp(t.title)).join("|")}`,
          ...files,
        ],
        {
          ...process.env,
          RB_UNSAFE_NO_LOCKS: "1",
          // Databases of their own (still ending in the run's id, so the run drops them).
          RB_TEST_RUN: `nolocks_${RUN_ID}`,
          // It stops at the first broken round (usually the first few); more
          // rounds only matter if none breaks.
          PROPERTY_RUNS: "100",
          // Without the ordered locks, holds deadlock on capacity rows: let
          // PostgreSQL notice in 10 ms instead of its default second.
          PGOPTIONS: "-c deadlock_timeout=10ms",
        }
      )
      if (!fs.existsSync(report)) {
        throw new Error(`jest wrote no report:\n${output.slice(-3000)}`)
      }
      const results: { name: string; assertionResults: any[] }[] = JSON.parse(fs.readFileSync(report, "utf8")).testResults
      const ran = results.flatMap((file) =>
        file.assertionResults
          .filter((a) => a.status !== "pending")
          .map((a) => ({
            file: path.relative(path.join(ROOT, "integration-tests"), file.name),
            title: a.title as string,
            status: a.status as string,
            message: plain((a.failureMessages as string[]).join("\n")),
          }))
      )
      const seen = ran.map((r) => {
        const expected = MUST_FAIL.find((t) => t.file === r.file && r.title.startsWith(t.title))
        return {
          test: `${r.file}: ${expected?.title ?? r.title}`,
          failed: r.status === "failed",
          // The message itself when it does not show the breach, to say what failed instead.
          shows_the_breach: (!!expected && expected.shows.test(r.message)) || excerpt(r.message),
        }
      })
      const byName = (a: { test: string }, b: { test: string }) => a.test.localeCompare(b.test)
      expect(seen.sort(byName)).toEqual(
        MUST_FAIL.map((t) => ({ test: `${t.file}: ${t.title}`, failed: true, shows_the_breach: true })).sort(byName)
      )
    } finally {
      fs.rmSync(path.dirname(report), { recursive: true, force: true })
    }
  })
})

describe("the switch is for tests only", () => {
  it("is off unless set, on only with NODE_ENV=test, and refused with anything else", () => {
    expect(locksSwitchedOff({ NODE_ENV: "test" })).toBe(false)
    expect(locksSwitchedOff({ NODE_ENV: "production", RB_UNSAFE_NO_LOCKS: "" })).toBe(false)
    expect(locksSwitchedOff({ NODE_ENV: "test", RB_UNSAFE_NO_LOCKS: "1" })).toBe(true)
    expect(() => locksSwitchedOff({ NODE_ENV: "test", RB_UNSAFE_NO_LOCKS: "yes" })).toThrow(
      'RB_UNSAFE_NO_LOCKS must be "1" or unset, got "yes"'
    )
    for (const NODE_ENV of ["production", "development", undefined]) {
      expect(() => locksSwitchedOff({ NODE_ENV, RB_UNSAFE_NO_LOCKS: "1" })).toThrow(
        `is refused here (NODE_ENV=${NODE_ENV ?? "unset"})`
      )
    }
  })

  it("a Medusa app started with it outside tests stops at boot, saying why", async () => {
    const { code, output } = await run(MEDUSA, ["exec", "./integration-tests/reliability/child.ts"], {
      ...process.env,
      NODE_ENV: "production",
      RB_UNSAFE_NO_LOCKS: "1",
      // Never created: had the module loaded, the app would fail on this instead.
      DATABASE_URL: databaseUrl(`rb_never_created_${RUN_ID}`),
      MEDUSA_ADMIN_DISABLE: "true",
      NODE_OPTIONS: "",
    })
    expect({ code, refused: output.includes("RB_UNSAFE_NO_LOCKS=1 switches off the locks") }).toEqual({
      code: 1,
      refused: true,
    })
  })
})
