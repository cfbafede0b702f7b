import path from "path"
import { ContainerRegistrationKeys, ModulesSdkUtils, toMikroOrmEntities } from "@medusajs/framework/utils"
import { initModules, MockEventBusService, TestDatabaseUtils } from "@medusajs/test-utils"
import { Client } from "pg"
import { Capacity, CleanupRun, Hold, Resource } from "../src/modules/resource_booking/models"
import type ResourceBookingModuleService from "../src/modules/resource_booking/service"
import { freshDatabase } from "./database"

const MODULE = path.join(__dirname, "../src/modules/resource_booking")

/**
 * A fresh database of this run (`<prefix>_<run id>`) with the plugin's
 * committed migrations, and the module on it; `route` rewrites the URL the
 * module connects through (a latency proxy), the checks' client goes direct.
 */
export async function bootModule(prefix: string, poolMax = 12, route: (url: string) => string = (url) => url) {
  const database = await freshDatabase(prefix)
  const clientUrl = database.url
  const orm = TestDatabaseUtils.getMikroOrmWrapper({
    mikroOrmEntities: toMikroOrmEntities([Resource, Capacity, Hold, CleanupRun]),
    pathToMigrations: path.join(MODULE, "migrations"),
    clientUrl,
  })
  await orm.setupDatabase()
  await orm.orm?.close()

  // A pool big enough for 4 concurrent sweepers plus checks.
  const moduleUrl = route(clientUrl)
  const connection = ModulesSdkUtils.createPgConnection({ clientUrl: moduleUrl, pool: { min: 1, max: poolMax } } as any)
  const { medusaApp, shutdown } = await initModules({
    databaseConfig: { clientUrl: moduleUrl },
    modulesConfig: {
      resource_booking: {
        resolve: MODULE,
        options: { database: { clientUrl: moduleUrl }, [Symbol.for("isSharedConnection")]: true },
      } as any,
    },
    injectedDependencies: {
      [ContainerRegistrationKeys.PG_CONNECTION]: connection,
      event_bus: new MockEventBusService(),
      [ContainerRegistrationKeys.LOGGER]: console,
    },
    preventConnectionDestroyWarning: true,
  })
  const service = medusaApp.modules.resource_booking as ResourceBookingModuleService
  const db = new Client({ connectionString: clientUrl })
  await db.connect()
  return {
    service,
    db,
    clientUrl,
    async close() {
      await db.end()
      await shutdown()
      await connection.destroy()
      await database.drop()
    },
  }
}
