import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207085716 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "booking_resource" add column if not exists "min_nights" integer null, add column if not exists "max_nights" integer null;`);
    this.addSql(`alter table if exists "booking_resource" add constraint booking_resource_stay_nights check((min_nights IS NULL AND max_nights IS NULL) OR (min_nights >= 1 AND max_nights >= min_nights AND cardinality(slots) = 0));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "booking_resource" drop constraint if exists booking_resource_stay_nights;`);
    this.addSql(`alter table if exists "booking_resource" drop column if exists "min_nights", drop column if exists "max_nights";`);
  }

}
