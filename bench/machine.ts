import os from "os"
import type { Client } from "pg"

export type Machine = { cores: number; cpu: string; node: string; postgres: string; load: number }

/** What a figure was measured on: every ratio in RESULTS.md is stated with it. */
export async function machine(db: Client): Promise<Machine> {
  const { rows: [r] } = await db.query("SHOW server_version")
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "unknown CPU",
    node: process.version,
    postgres: r.server_version,
    // Other work on the machine when the run ended: above the core count, figures are noisy.
    load: Math.round(os.loadavg()[0] * 10) / 10,
  }
}

export const describeMachine = (m: Machine) =>
  `${m.cores} cores (${m.cpu}), Node ${m.node}, PostgreSQL ${m.postgres}; load average ${m.load} at the end of the run`
