import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261206233823 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_booking_hold_unbound_checkout" ON "booking_hold" ("cart_id") WHERE status = 'confirmed' AND order_id IS NULL AND cart_id IS NOT NULL AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_booking_hold_unbound_checkout";`);
  }

}
