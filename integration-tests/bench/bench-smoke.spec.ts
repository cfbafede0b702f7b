import { runBench } from "../../bench/run"

jest.setTimeout(180_000)

// A small run of `npm run bench` (N = 1,000, one round), so the benchmark
// cannot rot. It asserts correctness only; speed is the benchmark's business.
describe("benchmark smoke run", () => {
  it("sweeps with the plugin, its bare SQL floor, each setup tried, two sweepers and the per-row loop, retains, and writes schedules out, all correct", async () => {
    const { rows, retention, schedule, machine } = await runBench({ smoke: true })
    const setups = ["batch 5,000", "batch 10,000", "no single-column resource_id, deleted_at indexes", "fillfactor 70"]
    expect(rows.map((r) => [r.algorithm, r.variant, r.sweepers, r.expired, r.correct])).toEqual([
      ...["default", ...setups].flatMap((setup) => [
        ["plugin", setup, 1, 1000, true],
        ["bare SQL floor", setup, 1, 1000, true],
      ]),
      ["plugin", "2 sweepers at once", 2, 1000, true],
      ["per-row loop", "default", 1, 1000, true],
    ])
    // Every floor run counted its updates (at least one per hold; other backends' may join).
    const floors = rows.filter((r) => r.algorithm === "bare SQL floor")
    expect(floors.map((r) => r.updates!.all >= 1000 && r.updates!.hot >= 0)).toEqual([true, true, true, true, true])
    expect(machine.cores).toBeGreaterThan(0)
    // Retention's run: the aged history deleted, nothing live touched (benchRetention's checks).
    expect(retention.checks).toMatchObject({ deleted: 5000, finished_left: 0, active_left: 0, probes_kept: 40, invariant_breaks: 0 })
    expect(retention.correct).toBe(true)
    // The schedule's run: two resources × 96 slots × 30 days, by setSchedule and by setCapacity.
    expect(schedule.checks).toEqual({ expected_rows: 5760, schedule_rows: 5760, capacity_rows: 5760, invariant_breaks: 0 })
  })
})
