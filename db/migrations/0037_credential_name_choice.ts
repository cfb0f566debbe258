import { type ColumnDefinitionBuilder, type Kysely, sql, SqliteAdapter } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Issue 30, point 1: the participant chooses whether their name is in the digital certificate
 * (docs/decisions/021-open-badges.md). A change signs a new credential for the same certificate,
 * with its own place in the status list; the earlier one stays stored and is revoked in the list.
 *
 * So `open_badge_credentials` holds one row per credential, not per certificate: the table is
 * built again without the unique `certificate_id` (SQLite cannot drop a column's unique
 * constraint), with `show_name` (1: the name is in it, the default; 0: only the identity hash)
 * and `replaced_at` (set: a newer credential of the same certificate replaced this one; its bit
 * in the status list is on). At most one current row per certificate: a partial unique index
 * where `replaced_at` is null (SQLite and PostgreSQL both have them). Row ids are not copied
 * (nothing refers to them; on PostgreSQL a copied id would not move the serial's sequence).
 */
export async function up(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const id = sqlite ? ("integer" as const) : ("serial" as const);
  const idCol = (col: ColumnDefinitionBuilder) => (sqlite ? col.primaryKey().autoIncrement() : col.primaryKey());

  await db.schema
    .createTable("open_badge_credentials_v2")
    .addColumn("id", id, idCol)
    .addColumn("certificate_id", "integer", (c) => c.notNull().references("certificates.id").onDelete("cascade"))
    .addColumn("status_index", "integer", (c) => c.notNull().unique())
    .addColumn("key_ref", "text", (c) => c.notNull())
    .addColumn("base_url", "text", (c) => c.notNull())
    .addColumn("credential", "text", (c) => c.notNull())
    .addColumn("issued_at", "text", (c) => c.notNull())
    .addColumn("show_name", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("replaced_at", "text")
    .execute();
  await sql`insert into open_badge_credentials_v2 (certificate_id, status_index, key_ref, base_url, credential, issued_at, show_name, replaced_at)
    select certificate_id, status_index, key_ref, base_url, credential, issued_at, 1, null from open_badge_credentials order by id`.execute(db);
  await db.schema.dropTable("open_badge_credentials").execute();
  await db.schema.alterTable("open_badge_credentials_v2").renameTo("open_badge_credentials").execute();
  await db.schema
    .createIndex("open_badge_credentials_current")
    .unique()
    .on("open_badge_credentials")
    .column("certificate_id")
    .where(sql.ref("replaced_at"), "is", null)
    .execute();
}

/** Back to one row per certificate: the current credentials only (the replaced ones are dropped). */
export async function down(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const id = sqlite ? ("integer" as const) : ("serial" as const);
  const idCol = (col: ColumnDefinitionBuilder) => (sqlite ? col.primaryKey().autoIncrement() : col.primaryKey());
  await db.schema.dropIndex("open_badge_credentials_current").execute();
  await db.schema
    .createTable("open_badge_credentials_v1")
    .addColumn("id", id, idCol)
    .addColumn("certificate_id", "integer", (c) => c.notNull().unique().references("certificates.id").onDelete("cascade"))
    .addColumn("status_index", "integer", (c) => c.notNull().unique())
    .addColumn("key_ref", "text", (c) => c.notNull())
    .addColumn("base_url", "text", (c) => c.notNull())
    .addColumn("credential", "text", (c) => c.notNull())
    .addColumn("issued_at", "text", (c) => c.notNull())
    .execute();
  await sql`insert into open_badge_credentials_v1 (certificate_id, status_index, key_ref, base_url, credential, issued_at)
    select certificate_id, status_index, key_ref, base_url, credential, issued_at from open_badge_credentials where replaced_at is null order by id`.execute(db);
  await db.schema.dropTable("open_badge_credentials").execute();
  await db.schema.alterTable("open_badge_credentials_v1").renameTo("open_badge_credentials").execute();
}
