/**
 * A database error as a person wants to read it. Knex prefixes the driver's
 * message with the whole SQL text ("<sql> - <message>"); keep the message.
 */
export function errorMessage(error: unknown): string {
  // Workflows rethrow step errors as plain serialised objects, not Errors.
  const message = (error as { message?: unknown })?.message
  if (typeof message !== "string") {
    return String(error)
  }
  const code = (error as { code?: unknown }).code
  const cut = message.lastIndexOf(" - ")
  return typeof code === "string" && cut >= 0 ? message.slice(cut + 3) : message
}
