import { MedusaError } from "@medusajs/framework/utils"

// The module's refusals, each a MedusaError of the type Medusa maps to the
// right HTTP status: INVALID_DATA and NOT_ALLOWED are 400, NOT_FOUND 404.

export function invalid(message: string): never {
  throw new MedusaError(MedusaError.Types.INVALID_DATA, message)
}

export function notAllowed(message: string): never {
  throw new MedusaError(MedusaError.Types.NOT_ALLOWED, message)
}

export function notFound(message: string): never {
  throw new MedusaError(MedusaError.Types.NOT_FOUND, message)
}

/**
 * A stand-in for a generated mutator that would change capacity or holds
 * without the locks and the capacity bookkeeping: any call is refused,
 * naming the operation to use.
 */
export const refusing =
  (method: string, instead: string) =>
  async (..._args: unknown[]): Promise<never> =>
    notAllowed(
      `${method} is not available on the resource booking module: it would bypass the capacity invariant; use ${instead}`
    )

/**
 * An error as a person wants to read it. Knex prefixes the driver's message
 * with the whole SQL text ("<sql> - <message>"); keep the message.
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
