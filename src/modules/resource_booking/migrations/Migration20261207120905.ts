import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207120905 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_booking_hold_active_key_expires_at" ON "booking_hold" ("resource_id", "date", "slot", "expires_at") WHERE status = 'active' AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_booking_hold_active_key_expires_at";`);
  }

}
