import path from "path"
import { RESOURCE_BOOKING_MODULE } from "../../src/modules/resource_booking"
import { runDatabase } from "./run"

export const moduleRunnerConfig = {
  moduleName: RESOURCE_BOOKING_MODULE,
  resolve: path.join(__dirname, "../../src/modules/resource_booking"),
  // Tests run the committed migrations, not a schema derived from the models.
  pathToMigrations: path.join(__dirname, "../../src/modules/resource_booking/migrations"),
  // The runner's own name ends in JEST_WORKER_ID, the same in every run.
  dbName: runDatabase("medusa_resource_booking_integration"),
}
