import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207000049 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "booking_hold" add column if not exists "order_change_id" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "booking_hold" drop column if exists "order_change_id";`);
  }

}
