import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207010920 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "booking_resource" add column if not exists "max_hold_minutes" integer null;`);
    this.addSql(`alter table if exists "booking_resource" add constraint booking_resource_max_hold_positive check(max_hold_minutes IS NULL OR max_hold_minutes >= 1);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "booking_resource" drop constraint if exists booking_resource_max_hold_positive;`);
    this.addSql(`alter table if exists "booking_resource" drop column if exists "max_hold_minutes";`);
  }

}
