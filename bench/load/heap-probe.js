// Preloaded into the app by `npm run bench:load` (node --expose-gc -r ...).
// On SIGUSR2: a full garbage collection, then the live heap appended to
// HEAP_PROBE_FILE as one JSON line. RSS alone cannot tell a leak from V8 and
// the allocator keeping freed pages for reuse; the heap left after a full GC
// can.
const fs = require("fs")

const file = process.env.HEAP_PROBE_FILE
if (file && typeof global.gc === "function") {
  process.on("SIGUSR2", () => {
    global.gc()
    const m = process.memoryUsage()
    fs.appendFileSync(
      file,
      JSON.stringify({ t: Date.now(), pid: process.pid, heap_used: m.heapUsed, external: m.external, rss: m.rss }) + "\n"
    )
  })
}
