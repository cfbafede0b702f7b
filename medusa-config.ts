import { defineConfig, loadEnv, Modules } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

// The store this repository runs for its tests, demo and benchmarks: a Medusa
// app whose own src/ is the plugin, so its module, job, routes, subscriber and
// admin load through Medusa's loaders as they do in an installed store.
//
// Production topology (docs/production.md): set REDIS_URL and Medusa's Redis
// modules replace the in-memory ones; run server and worker processes apart
// with MEDUSA_WORKER_MODE=server|worker. Without REDIS_URL (tests, demo) it is
// one "shared" process with in-memory modules.
const redisUrl = process.env.REDIS_URL
const workerMode = (process.env.MEDUSA_WORKER_MODE || "shared") as "shared" | "worker" | "server"

// The demo's (and the notification tests') e-mail: each message and its calendar file
// written to a folder by the package's development provider; the local provider keeps
// Medusa's admin feed. A store configures its own e-mail provider instead (docs/notifications.md).
const messagesDir = process.env.RB_NOTIFICATION_DIR
const notification = messagesDir
  ? [
      {
        key: Modules.NOTIFICATION,
        resolve: "@medusajs/medusa/notification",
        options: {
          providers: [
            { resolve: "@medusajs/medusa/notification-local", id: "local", options: { name: "Local", channels: ["feed"] } },
            { resolve: "./src/providers/file-notification", id: "file", options: { channels: ["email"], dir: messagesDir } },
          ],
        },
      },
    ]
  : []

// A payment provider of the tests' own (one that declines), by its absolute path.
const testPayment = process.env.RB_TEST_PAYMENT_PROVIDER
  ? [
      {
        key: Modules.PAYMENT,
        resolve: "@medusajs/medusa/payment",
        options: { providers: [{ resolve: process.env.RB_TEST_PAYMENT_PROVIDER, id: "test" }] },
      },
    ]
  : []

const redisModules = redisUrl
  ? [
      { key: Modules.EVENT_BUS, resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl } },
      {
        key: Modules.WORKFLOW_ENGINE,
        resolve: "@medusajs/medusa/workflow-engine-redis",
        options: { redis: { redisUrl } },
      },
      {
        key: Modules.LOCKING,
        resolve: "@medusajs/medusa/locking",
        options: {
          providers: [
            { resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl } },
          ],
        },
      },
      {
        key: Modules.CACHING,
        resolve: "@medusajs/medusa/caching",
        options: {
          providers: [
            { resolve: "@medusajs/medusa/caching-redis", id: "caching-redis", is_default: true, options: { redisUrl } },
          ],
        },
      },
    ]
  : []

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    redisUrl,
    workerMode,
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000,http://localhost:5173",
      authCors: process.env.AUTH_CORS || "http://localhost:9000,http://localhost:5173",
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  admin: {
    // Workers serve no HTTP, so they need no dashboard.
    disable: process.env.MEDUSA_ADMIN_DISABLE === "true" || workerMode === "worker",
  },
  // Medusa's own gift-card and store-credit plugin beside this one, as a store
  // that sells gift cards runs it (integration-tests/http/beside-loyalty.spec.ts).
  // Medusa adds @medusajs/draft-order to every app by itself.
  plugins: process.env.RB_WITH_LOYALTY === "true" ? [{ resolve: "@medusajs/loyalty-plugin", options: {} }] : [],
  // The plugin's defaults (DEFAULT_OPTIONS in src/modules/resource_booking/utils/options.ts)
  // apply; the README lists the options and the env variables that override them.
  modules: [{ resolve: "./src/modules/resource_booking", options: {} }, ...redisModules, ...testPayment, ...notification],
})
