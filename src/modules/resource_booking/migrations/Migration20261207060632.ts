import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207060632 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "booking_alert_state" ("id" text not null, "status" text not null, "previous_status" text null, "message" text null, "changed_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "booking_alert_state_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_booking_alert_state_deleted_at" ON "booking_alert_state" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "booking_cleanup_run" add column if not exists "unpaid_canceled" integer not null default 0;`);

    this.addSql(`alter table if exists "booking_hold" add column if not exists "payment_checked_at" timestamptz null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_booking_hold_unjudged_payment" ON "booking_hold" ("date") WHERE status = 'confirmed' AND order_id IS NOT NULL AND payment_checked_at IS NULL AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "booking_alert_state" cascade;`);

    this.addSql(`alter table if exists "booking_cleanup_run" drop column if exists "unpaid_canceled";`);

    this.addSql(`drop index if exists "IDX_booking_hold_unjudged_payment";`);
    this.addSql(`alter table if exists "booking_hold" drop column if exists "payment_checked_at";`);
  }

}
