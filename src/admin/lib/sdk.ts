import Medusa from "@medusajs/js-sdk"

// The dashboard is served by the same app, so the session cookie authenticates.
export const sdk = new Medusa({ baseUrl: "/", auth: { type: "session" } })

export const ADMIN = "/admin/resource-booking"
