/** The p-th percentile of `xs` (nearest rank), to 0.1; 0 for no samples. */
export function percentile(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] * 10) / 10 : 0
}
