import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261124201014 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "booking_capacity" drop constraint if exists "booking_capacity_resource_id_date_unique";`);
    this.addSql(`alter table if exists "booking_resource" drop constraint if exists "booking_resource_handle_unique";`);
    this.addSql(`create table if not exists "booking_cleanup_run" ("id" text not null, "started_at" timestamptz not null, "finished_at" timestamptz null, "duration_ms" integer null, "trigger" text check ("trigger" in ('schedule', 'manual')) not null, "dry_run" boolean not null default false, "expired_count" integer not null default 0, "capacity_restored" integer not null default 0, "batches" integer not null default 0, "error" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "booking_cleanup_run_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_booking_cleanup_run_deleted_at" ON "booking_cleanup_run" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_booking_cleanup_run_started_at" ON "booking_cleanup_run" ("started_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "booking_resource" ("id" text not null, "title" text not null, "handle" text not null, "description" text null, "is_active" boolean not null default true, "hold_ttl_minutes" integer null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "booking_resource_pkey" primary key ("id"), constraint booking_resource_hold_ttl_positive check (hold_ttl_minutes IS NULL OR hold_ttl_minutes >= 1));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_booking_resource_handle_unique" ON "booking_resource" ("handle") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_booking_resource_deleted_at" ON "booking_resource" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "booking_hold" ("id" text not null, "date" text not null, "quantity" integer not null, "status" text check ("status" in ('active', 'confirmed', 'released', 'expired')) not null default 'active', "expires_at" timestamptz not null, "cart_id" text null, "customer_id" text null, "order_id" text null, "confirmed_at" timestamptz null, "released_at" timestamptz null, "expired_at" timestamptz null, "metadata" jsonb null, "resource_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "booking_hold_pkey" primary key ("id"), constraint booking_hold_quantity_positive check (quantity >= 1), constraint booking_hold_date_format check (date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_booking_hold_resource_id" ON "booking_hold" ("resource_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_booking_hold_deleted_at" ON "booking_hold" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_booking_hold_active_expires_at" ON "booking_hold" ("expires_at") WHERE status = 'active' AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_booking_hold_resource_date_status" ON "booking_hold" ("resource_id", "date", "status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_booking_hold_cart_id" ON "booking_hold" ("cart_id") WHERE cart_id IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "booking_capacity" ("id" text not null, "date" text not null, "max_capacity" integer not null, "available_capacity" integer not null, "resource_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "booking_capacity_pkey" primary key ("id"), constraint booking_capacity_date_format check (date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}\$'), constraint booking_capacity_max_non_negative check (max_capacity >= 0), constraint booking_capacity_available_in_range check (available_capacity >= 0 AND available_capacity <= max_capacity));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_booking_capacity_resource_id" ON "booking_capacity" ("resource_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_booking_capacity_deleted_at" ON "booking_capacity" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_booking_capacity_resource_id_date_unique" ON "booking_capacity" ("resource_id", "date") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "booking_hold" add constraint "booking_hold_resource_id_foreign" foreign key ("resource_id") references "booking_resource" ("id") on update cascade;`);

    this.addSql(`alter table if exists "booking_capacity" add constraint "booking_capacity_resource_id_foreign" foreign key ("resource_id") references "booking_resource" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "booking_hold" drop constraint if exists "booking_hold_resource_id_foreign";`);

    this.addSql(`alter table if exists "booking_capacity" drop constraint if exists "booking_capacity_resource_id_foreign";`);

    this.addSql(`drop table if exists "booking_cleanup_run" cascade;`);

    this.addSql(`drop table if exists "booking_resource" cascade;`);

    this.addSql(`drop table if exists "booking_hold" cascade;`);

    this.addSql(`drop table if exists "booking_capacity" cascade;`);
  }

}
