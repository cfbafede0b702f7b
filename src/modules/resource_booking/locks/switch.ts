// The test-only switch of the negative control; see locksSwitchedOff.

/**
 * Whether RB_UNSAFE_NO_LOCKS switches the advisory locks off. It exists only
 * for the test suite's negative control
 * (integration-tests/reliability/negative-control.spec.ts), which shows that
 * the race tests fail without the locks. Anywhere but NODE_ENV=test it is
 * refused, so the module cannot be booted without its locks by mistake.
 */
export function locksSwitchedOff(env: Record<string, string | undefined>): boolean {
  const value = env.RB_UNSAFE_NO_LOCKS
  if (value === undefined || value === "") {
    return false
  }
  if (value !== "1") {
    throw new Error(`RB_UNSAFE_NO_LOCKS must be "1" or unset, got ${JSON.stringify(value)}`)
  }
  if (env.NODE_ENV !== "test") {
    throw new Error(
      `RB_UNSAFE_NO_LOCKS=1 switches off the locks that keep resource bookings from overbooking; ` +
        `it is only for the test suite (NODE_ENV=test) and is refused here (NODE_ENV=${env.NODE_ENV ?? "unset"}). ` +
        `Unset RB_UNSAFE_NO_LOCKS.`
    )
  }
  return true
}
