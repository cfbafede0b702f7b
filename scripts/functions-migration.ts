// `npm run db:functions`: writes a migration that creates the module's
// PL/pgSQL functions as src/modules/resource_booking/holds/functions.ts now
// builds them. Run it after changing a statement those functions use: the
// test integration-tests/modules/hold-functions.spec.ts fails until the
// newest migration creates what the statements say.
import fs from "fs"
import path from "path"
import { DROP_FUNCTIONS, FUNCTIONS } from "../src/modules/resource_booking/holds/functions"

const literal = (sql: string) => "`" + sql.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${") + "`"
const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14)
const name = `Migration${stamp}`
const dir = path.join(__dirname, "../src/modules/resource_booking/migrations")
const file = path.join(dir, `${name}.ts`)

// down() puts back what the newest earlier migration of this script created, or drops them.
const UP = /override async up\(\): Promise<void> \{\n([\s\S]*?)\n  \}\n\n  override async down/
const previous = fs
  .readdirSync(dir)
  .filter((f) => /^Migration\d+\.ts$/.test(f))
  .sort()
  .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
  .filter((text) => text.includes("npm run db:functions") && UP.test(text))
  .pop()
// down() drops what up() created first: a function whose parameters changed
// is a second one beside the previous (holds/functions.ts FUNCTIONS).
const drops = DROP_FUNCTIONS.map((f) => `    this.addSql(${literal(f)})`).join("\n")
const down = previous ? `${drops}\n${UP.exec(previous)![1]}` : drops
const body = `import { Migration } from "@medusajs/framework/mikro-orm/migrations"

// The module's functions (holds/functions.ts), as that file built them when
// this migration was written by \`npm run db:functions\`: frozen here, so that
// every database gets the same text whatever the code says later.
export class ${name} extends Migration {
  override async up(): Promise<void> {
${FUNCTIONS.map((f) => `    this.addSql(${literal(f.ddl)})`).join("\n")}
  }

  override async down(): Promise<void> {
${down}
  }
}
`
fs.writeFileSync(file, body)
console.log(`wrote ${path.relative(process.cwd(), file)}`)
