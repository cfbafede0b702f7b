import { defineMiddlewares, validateAndTransformBody } from "@medusajs/framework/http"
import { AdminCleanupBody } from "./admin/resource-booking/validators"

// Admin routes are behind Medusa's admin authentication and store routes need
// a publishable API key, as for every /admin and /store route.
export default defineMiddlewares({
  routes: [
    {
      matcher: "/admin/resource-booking/cleanup",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminCleanupBody)],
    },
  ],
})
