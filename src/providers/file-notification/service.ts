import fs from "fs/promises"
import path from "path"
import type { Logger, ProviderSendNotificationDTO, ProviderSendNotificationResultsDTO } from "@medusajs/framework/types"
import { AbstractNotificationProviderService, MedusaError } from "@medusajs/framework/utils"

export type FileNotificationOptions = {
  /** The folder each message and its attachments are written to (created when missing). */
  dir: string
}

/**
 * A notification provider for development: each message becomes a folder of
 * files (message.json, and each attachment decoded, e.g. booking.ics) under
 * `dir`, so a developer can read what a guest would get and open the calendar
 * file. Medusa's local provider logs a line and drops attachments.
 */
export class FileNotificationService extends AbstractNotificationProviderService {
  static identifier = "resource-booking-file"
  protected readonly dir_: string
  protected readonly logger_: Logger

  static validateOptions(options: Record<string, unknown>) {
    if (typeof options?.dir !== "string" || !options.dir.trim()) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "The file notification provider needs a `dir` option: the folder to write messages to")
    }
  }

  constructor({ logger }: { logger: Logger }, options: FileNotificationOptions) {
    super()
    this.dir_ = path.resolve(options.dir)
    this.logger_ = logger
  }

  async send(notification: ProviderSendNotificationDTO): Promise<ProviderSendNotificationResultsDTO> {
    const stamp = new Date().toISOString().replace(/[:.]/g, "-")
    const id = `${stamp}-${notification.template ?? "message"}-${Math.random().toString(36).slice(2, 8)}`
    const folder = path.join(this.dir_, id)
    await fs.mkdir(folder, { recursive: true })
    const { attachments, ...message } = notification
    for (const a of attachments ?? []) {
      // Attachments come base64-encoded, as e-mail providers take them.
      await fs.writeFile(path.join(folder, path.basename(a.filename)), Buffer.from(a.content, "base64"))
    }
    // Written last, under its final name at once: a reader that finds message.json finds the whole message.
    const json = path.join(folder, "message.json")
    await fs.writeFile(`${json}.tmp`, JSON.stringify({ ...message, attachments: (attachments ?? []).map((a) => a.filename) }, null, 2))
    await fs.rename(`${json}.tmp`, json)
    this.logger_.info(`resource-booking: wrote the ${notification.template} message to ${notification.to} in ${folder}`)
    return { id }
  }
}
