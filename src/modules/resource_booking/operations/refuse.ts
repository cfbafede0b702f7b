import { MedusaError } from "@medusajs/framework/utils"

/**
 * A generated mutator that would change capacity or holds without the locks
 * and the capacity bookkeeping: refused, naming the operation to use.
 */
export function refuse(method: string, instead: string): never {
  throw new MedusaError(
    MedusaError.Types.NOT_ALLOWED,
    `${method} is not available on the resource booking module: it would bypass the capacity invariant; use ${instead}`
  )
}

/** A stand-in for a generated mutator: any call is refused. */
export const refusing =
  (method: string, instead: string) =>
  async (..._args: unknown[]): Promise<never> =>
    refuse(method, instead)
