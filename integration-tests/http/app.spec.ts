import path from "path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { prepareAppEnv } from "../helpers/http"
import adminApi from "./app/admin-api"
import bookableProducts from "./app/bookable-products"
import cartProperty from "./app/cart-property"
import holdStories from "./app/hold-stories"
import orderPaths from "./app/order-paths"
import returnsExchanges from "./app/returns-exchanges"
import slots from "./app/slots"
import stays from "./app/stays"
import storeApi from "./app/store-api"
import storeSetup from "./app/store-setup"
import storefrontLimits from "./app/storefront-limits"
import variantLinks from "./app/variant-links"

// The HTTP suites that need no configuration of their own share one app,
// booted from this repo's medusa-config.ts: Medusa's boot (its migrations,
// the links, the app loaded twice) takes about 30 s, and each suite used to
// pay it. Each test still starts from the database the runner snapshotted
// after the boot (restored before every test), so the suites do not see each
// other's data. One suite: `sh scripts/test.sh integration-tests/http/app.spec.ts -t order-paths`.
// Suites that need another configuration have an app of their own:
// operations.spec.ts (messages, unpaid orders, alerts) and beside-loyalty.spec.ts.
jest.setTimeout(900_000)
// The declining payment provider (storefront-limits) is only used by a region that lists it.
prepareAppEnv({ RB_TEST_PAYMENT_PROVIDER: path.join(__dirname, "../helpers/decline-payment") })

const SUITES = {
  "store-setup": storeSetup,
  "admin-api": adminApi,
  "store-api": storeApi,
  "variant-links": variantLinks,
  "hold-stories": holdStories,
  "bookable-products": bookableProducts,
  slots,
  stays,
  "storefront-limits": storefrontLimits,
  "order-paths": orderPaths,
  "returns-exchanges": returnsExchanges,
  "cart-property": cartProperty,
}

medusaIntegrationTestRunner({
  testSuite: (options) => {
    for (const [name, suite] of Object.entries(SUITES)) {
      describe(name, () => suite(options))
    }
  },
})
