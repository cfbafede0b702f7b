import { z } from "@medusajs/framework/zod"

/**
 * A whole number from `min` to `max`, each refusal naming `label` (the HTTP
 * validators pass "Field 'quantity'", the plugin options their own name).
 * `coerce` takes numeric strings too (query strings, env variables).
 */
export const wholeNumber = (label: string, min: number, max: number, { coerce = false } = {}) =>
  (coerce ? z.coerce.number({ error: `${label} must be a number` }) : z.number({ error: `${label} must be a number` }))
    .int({ error: `${label} must be a whole number` })
    .min(min, { error: `${label} must be at least ${min}` })
    .max(max, { error: `${label} must be at most ${max}` })
