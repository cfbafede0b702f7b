// The bounds of what one request or one option may ask for, named once for
// the module's checks, the HTTP validators and their messages, and the admin's
// inputs. No imports: the admin bundle includes this file.

/** The longest a hold may last: a week, in minutes. */
export const MAX_HOLD_TTL_MINUTES = 7 * 24 * 60
/** The longest retention the options accept, in days (ten years). */
export const MAX_RETAIN_DAYS = 3650

/** The largest quantity of one hold, and the largest capacity of one day. */
export const MAX_QUANTITY = 1_000_000

/** The most items one request may hold at once, or variants it may link or unlink at once. */
export const MAX_BATCH_ITEMS = 100

/** The most holds one sweep batch (one transaction) may expire. */
export const MAX_CLEANUP_BATCH_SIZE = 100_000

/** The most days one availability or capacity request may span. */
export const MAX_RANGE_DAYS = 366

/** The largest page a list route gives. */
export const MAX_PAGE_SIZE = 200

/** The page a list route gives when no limit is asked for. */
export const DEFAULT_PAGE_SIZE = 20

/** The longest stay a resource may be sold by, in nights (a season). */
export const MAX_STAY_NIGHTS = 90

/** The most (line, night) keys one cart or order sync may hold: its lines' nights together. */
export const MAX_SYNC_ITEMS = 2000

/** The most slots a resource may be sold by: one every 15 minutes. */
export const MAX_SLOTS = 96

/** The longest cut-off before a start: a week, in minutes. */
export const MAX_CUTOFF_MINUTES = 7 * 24 * 60

/** The furthest a weekly schedule may be written out ahead: three years, in days. */
export const MAX_HORIZON_DAYS = 3 * 366
