import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261206053746 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "booking_capacity" drop constraint if exists "booking_capacity_resource_id_date_slot_unique";`);
    this.addSql(`alter table if exists "booking_resource" add column if not exists "slots" text[] not null default '{}';`);

    this.addSql(`drop index if exists "IDX_booking_hold_resource_date_status";`);

    this.addSql(`alter table if exists "booking_hold" add column if not exists "slot" text not null default '';`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_booking_hold_resource_date_slot_status" ON "booking_hold" ("resource_id", "date", "slot", "status") WHERE deleted_at IS NULL;`);
    this.addSql(`alter table if exists "booking_hold" add constraint booking_hold_slot_format check(slot = '' OR slot ~ '^([01][0-9]|2[0-3]):[0-5][0-9]\$');`);

    this.addSql(`drop index if exists "IDX_booking_capacity_resource_id_date_unique";`);

    this.addSql(`alter table if exists "booking_capacity" add column if not exists "slot" text not null default '';`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_booking_capacity_resource_id_date_slot_unique" ON "booking_capacity" ("resource_id", "date", "slot") WHERE deleted_at IS NULL;`);
    this.addSql(`alter table if exists "booking_capacity" add constraint booking_capacity_slot_format check(slot = '' OR slot ~ '^([01][0-9]|2[0-3]):[0-5][0-9]\$');`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "booking_resource" drop column if exists "slots";`);

    this.addSql(`drop index if exists "IDX_booking_hold_resource_date_slot_status";`);
    this.addSql(`alter table if exists "booking_hold" drop constraint if exists booking_hold_slot_format;`);
    this.addSql(`alter table if exists "booking_hold" drop column if exists "slot";`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_booking_hold_resource_date_status" ON "booking_hold" ("resource_id", "date", "status") WHERE deleted_at IS NULL;`);

    this.addSql(`drop index if exists "IDX_booking_capacity_resource_id_date_slot_unique";`);
    this.addSql(`alter table if exists "booking_capacity" drop constraint if exists booking_capacity_slot_format;`);
    this.addSql(`alter table if exists "booking_capacity" drop column if exists "slot";`);

    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_booking_capacity_resource_id_date_unique" ON "booking_capacity" ("resource_id", "date") WHERE deleted_at IS NULL;`);
  }

}
