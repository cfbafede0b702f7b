import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import { FileNotificationService } from "./service"

// medusa-resource-booking/providers/file-notification: messages written to a folder (development).
export default ModuleProvider(Modules.NOTIFICATION, { services: [FileNotificationService] })
