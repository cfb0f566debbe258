import { type ColumnDefinitionBuilder, type Kysely, SqliteAdapter } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * One-time recovery codes for the second factor (issue 24, point 12): ten per person, shown once
 * when the second factor is turned on (or made anew), stored only as a SHA-256 hash. A code is
 * spent when `used_at` is set; making new codes deletes the old rows. The certificate's
 * signatories (point 14) need no table: they are a row in `settings` (key `certificate_signatories`).
 */
export async function up(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const id = sqlite ? ("integer" as const) : ("serial" as const);
  const idCol = (col: ColumnDefinitionBuilder) => (sqlite ? col.primaryKey().autoIncrement() : col.primaryKey());

  await db.schema
    .createTable("totp_recovery_codes")
    .addColumn("id", id, idCol)
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("totp_recovery_codes_user_hash").on("totp_recovery_codes").columns(["user_id", "code_hash"]).unique().execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("totp_recovery_codes").execute();
}
