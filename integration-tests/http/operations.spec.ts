import fs from "fs"
import os from "os"
import path from "path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { prepareAppEnv } from "../helpers/http"
import bookingNotifications from "./operations/booking-notifications"
import healthCleanup from "./operations/health-cleanup"

// The suites of what a store's operations configure share one app (as
// app.spec.ts does for the rest; one boot is about 30 s):
// - the guest's messages through the package's file provider (the e-mail
//   channel), written to a folder of this run;
// - unpaid orders canceled after 15 minutes, phone bookings (converted drafts)
//   included, and health alerts to two people on the feed channel that
//   Medusa's local provider serves.
// Neither setting reaches the other suite's checks: alerts are found by their
// template, messages by their order. One suite: `-t health-cleanup`.
jest.setTimeout(300_000)
prepareAppEnv({
  RB_NOTIFICATION_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "rb-messages-")),
  UNPAID_ORDER_TIMEOUT_MINUTES: "15",
  UNPAID_ORDER_SOURCES: "checkout,draft",
  RESOURCE_BOOKING_ALERT_RECIPIENTS: "ops@example.com, oncall@example.com",
  RESOURCE_BOOKING_ALERT_CHANNEL: "feed",
})

const SUITES = {
  "health-cleanup": healthCleanup,
  "booking-notifications": bookingNotifications,
}

medusaIntegrationTestRunner({
  testSuite: (options) => {
    for (const [name, suite] of Object.entries(SUITES)) {
      describe(name, () => suite(options))
    }
  },
})
