import { runBench } from "../../bench/run"

jest.setTimeout(180_000)

// A small run of `npm run bench` (N = 1,000), so the benchmark cannot rot.
// It asserts correctness only; speed is the benchmark's business.
describe("benchmark smoke run", () => {
  it("sweeps with the plugin, two sweepers and the per-row baseline, all correct", async () => {
    const { rows, machine } = await runBench({ smoke: true })
    expect(rows.map((r) => [r.algorithm, r.sweepers, r.expired, r.correct])).toEqual([
      ["plugin (set-based)", 1, 1000, true],
      ["plugin (set-based)", 2, 1000, true],
      ["per-row baseline", 1, 1000, true],
    ])
    expect(machine.cores).toBeGreaterThan(0)
  })
})
