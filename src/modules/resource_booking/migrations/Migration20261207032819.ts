import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207032819 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "booking_cleanup_run" drop constraint if exists "booking_cleanup_run_trigger_check";`);

    this.addSql(`alter table if exists "booking_cleanup_run" add column if not exists "deleted_holds" integer not null default 0, add column if not exists "deleted_runs" integer not null default 0;`);
    this.addSql(`alter table if exists "booking_cleanup_run" add constraint "booking_cleanup_run_trigger_check" check("trigger" in ('schedule', 'manual', 'cli'));`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_booking_hold_finished_updated_at" ON "booking_hold" ("updated_at") WHERE status IN ('released', 'expired', 'canceled') AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "booking_cleanup_run" drop constraint if exists "booking_cleanup_run_trigger_check";`);

    this.addSql(`alter table if exists "booking_cleanup_run" drop column if exists "deleted_holds", drop column if exists "deleted_runs";`);

    this.addSql(`alter table if exists "booking_cleanup_run" add constraint "booking_cleanup_run_trigger_check" check("trigger" in ('schedule', 'manual'));`);

    this.addSql(`drop index if exists "IDX_booking_hold_finished_updated_at";`);
  }

}
