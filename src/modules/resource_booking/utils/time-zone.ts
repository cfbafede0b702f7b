// Zone names as people write them: IANA names ("Europe/Copenhagen", "UTC"),
// checked against the runtime's time-zone database. A resource's zone is also
// checked against PostgreSQL's when it is written (resources/time-zone.ts):
// the database is what judges "today" and cut-offs.

/** Whether `name` is an IANA time-zone name this runtime knows (not an offset like "+02:00"). */
export function isTimeZone(name: unknown): name is string {
  if (typeof name !== "string" || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) {
    return false
  }
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name })
    return true
  } catch {
    return false
  }
}
