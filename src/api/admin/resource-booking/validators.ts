import { z } from "@medusajs/framework/zod"

export const AdminCleanupBody = z
  .object({
    dry_run: z.boolean().optional(),
    batch_size: z.number().int().min(1).max(100_000).optional(),
  })
  .strict()
export type AdminCleanupBodyType = z.infer<typeof AdminCleanupBody>
