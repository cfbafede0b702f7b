import { Client } from "pg"
import { Migration20261124201014 } from "../../src/modules/resource_booking/migrations/Migration20261124201014"
import { Migration20261202041153 } from "../../src/modules/resource_booking/migrations/Migration20261202041153"
import { Migration20261206053746 } from "../../src/modules/resource_booking/migrations/Migration20261206053746"
import { invariantViolations } from "../helpers/db"
import { databaseUrl, runDatabase } from "../helpers/run"

jest.setTimeout(60_000)

const DB = runDatabase("rb_slot_migration")

/** The statements a committed migration's up() runs, in order. */
async function statementsOf(migration: { prototype: object }): Promise<string[]> {
  const sql: string[] = []
  const m = Object.create(migration.prototype)
  m.addSql = (s: string) => sql.push(s)
  await m.up()
  return sql
}

// A store that booked before slots existed upgrades: its rows stay valid,
// become whole-day rows, and the new constraints hold.
describe("the slots migration on a database with bookings", () => {
  let admin: Client
  let db: Client

  beforeAll(async () => {
    admin = new Client({ connectionString: databaseUrl("postgres") })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`)
    await admin.query(`CREATE DATABASE ${DB}`)
    db = new Client({ connectionString: databaseUrl(DB) })
    await db.connect()
  })

  afterAll(async () => {
    await db?.end()
    await admin?.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`)
    await admin?.end()
  })

  it("keeps every row, makes them whole-day rows, and the invariant and constraints hold", async () => {
    for (const m of [Migration20261124201014, Migration20261202041153]) {
      for (const sql of await statementsOf(m)) await db.query(sql)
    }
    // Bookings as the previous version wrote them: one day with holds in every status.
    await db.query(`
      INSERT INTO booking_resource (id, title, handle) VALUES ('res_old', 'Old tour', 'old-tour');
      INSERT INTO booking_capacity (id, resource_id, date, max_capacity, available_capacity)
        VALUES ('rbcap_1', 'res_old', '2030-01-01', 10, 6), ('rbcap_2', 'res_old', '2030-01-02', 5, 5);
      INSERT INTO booking_hold (id, resource_id, date, quantity, status, expires_at) VALUES
        ('hold_a', 'res_old', '2030-01-01', 1, 'active', now() + interval '1 hour'),
        ('hold_c', 'res_old', '2030-01-01', 3, 'confirmed', now()),
        ('hold_r', 'res_old', '2030-01-01', 2, 'released', now()),
        ('hold_x', 'res_old', '2030-01-01', 2, 'canceled', now());`)
    const before = await db.query(`SELECT count(*)::int AS n FROM booking_hold`)

    for (const sql of await statementsOf(Migration20261206053746)) await db.query(sql)

    expect((await db.query(`SELECT count(*)::int AS n FROM booking_hold`)).rows[0].n).toBe(before.rows[0].n)
    const slots = await db.query(`
      SELECT (SELECT array_agg(DISTINCT slot) FROM booking_hold) AS holds,
             (SELECT array_agg(DISTINCT slot) FROM booking_capacity) AS capacity,
             (SELECT slots FROM booking_resource WHERE id = 'res_old') AS resource`)
    expect(slots.rows[0]).toEqual({ holds: [""], capacity: [""], resource: [] })
    expect(await invariantViolations(db)).toEqual([])

    // The new keys: one capacity row per (resource, date, slot), and labels are checked.
    await expect(
      db.query(`INSERT INTO booking_capacity (id, resource_id, date, max_capacity, available_capacity)
                VALUES ('rbcap_dup', 'res_old', '2030-01-01', 1, 1)`)
    ).rejects.toThrow(/IDX_booking_capacity_resource_id_date_slot_unique/)
    await db.query(`INSERT INTO booking_capacity (id, resource_id, date, slot, max_capacity, available_capacity)
                    VALUES ('rbcap_am', 'res_old', '2030-01-01', '09:00', 1, 1)`)
    await expect(
      db.query(`INSERT INTO booking_capacity (id, resource_id, date, slot, max_capacity, available_capacity)
                VALUES ('rbcap_bad', 'res_old', '2030-01-01', '9am', 1, 1)`)
    ).rejects.toThrow(/booking_capacity_slot_format/)
  })
})
