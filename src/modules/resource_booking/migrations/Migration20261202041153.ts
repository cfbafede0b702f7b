import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202041153 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "booking_hold" drop constraint if exists "booking_hold_status_check";`);

    this.addSql(`alter table if exists "booking_hold" add column if not exists "line_item_id" text null, add column if not exists "canceled_at" timestamptz null;`);
    this.addSql(`alter table if exists "booking_hold" add constraint "booking_hold_status_check" check("status" in ('active', 'confirmed', 'released', 'expired', 'canceled'));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_booking_hold_order_id" ON "booking_hold" ("order_id") WHERE order_id IS NOT NULL AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "booking_hold" drop constraint if exists "booking_hold_status_check";`);

    this.addSql(`drop index if exists "IDX_booking_hold_order_id";`);
    this.addSql(`alter table if exists "booking_hold" drop column if exists "line_item_id", drop column if exists "canceled_at";`);

    this.addSql(`alter table if exists "booking_hold" add constraint "booking_hold_status_check" check("status" in ('active', 'confirmed', 'released', 'expired'));`);
  }

}
