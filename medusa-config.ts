import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

// The store this repository runs for its tests and demo: a Medusa app whose
// own src/ is the plugin, so its module, job, routes and admin load through
// Medusa's loaders as they do in an installed store.
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000,http://localhost:5173",
      authCors: process.env.AUTH_CORS || "http://localhost:9000,http://localhost:5173",
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  admin: {
    disable: process.env.MEDUSA_ADMIN_DISABLE === "true",
  },
  modules: [
    {
      resolve: "./src/modules/resource_booking",
      options: {
        holdTtlMinutes: 30,
        cleanupSchedule: "*/5 * * * *",
        cleanupBatchSize: 1000,
        slowCleanupMs: 5000,
        highExpirationCount: 100,
      },
    },
  ],
})
