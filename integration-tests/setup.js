// MikroORM keeps entity metadata in a global; each test file boots its own app.
const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")

MetadataStorage.clear()
