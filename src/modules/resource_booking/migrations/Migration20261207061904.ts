import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207061904 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "booking_resource" add column if not exists "time_zone" text null, add column if not exists "cutoff_minutes" integer null, add column if not exists "booking_horizon_days" integer not null default 365, add column if not exists "schedule" jsonb null, add column if not exists "schedule_expanded_until" text null;`);
    this.addSql(`alter table if exists "booking_resource" add constraint booking_resource_cutoff_non_negative check(cutoff_minutes IS NULL OR cutoff_minutes >= 0);`);
    this.addSql(`alter table if exists "booking_resource" add constraint booking_resource_horizon_positive check(booking_horizon_days >= 1);`);

    this.addSql(`alter table if exists "booking_capacity" add column if not exists "is_exception" boolean not null default true;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "booking_resource" drop constraint if exists booking_resource_cutoff_non_negative;`);
    this.addSql(`alter table if exists "booking_resource" drop constraint if exists booking_resource_horizon_positive;`);
    this.addSql(`alter table if exists "booking_resource" drop column if exists "time_zone", drop column if exists "cutoff_minutes", drop column if exists "booking_horizon_days", drop column if exists "schedule", drop column if exists "schedule_expanded_until";`);

    this.addSql(`alter table if exists "booking_capacity" drop column if exists "is_exception";`);
  }

}
