/**
 * A database error as a person wants to read it. Knex prefixes the driver's
 * message with the whole SQL text ("<sql> - <message>"); keep the message.
 */
export function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) {
    return String(error)
  }
  const code = (error as { code?: unknown }).code
  const cut = error.message.lastIndexOf(" - ")
  return typeof code === "string" && cut >= 0 ? error.message.slice(cut + 3) : error.message
}
