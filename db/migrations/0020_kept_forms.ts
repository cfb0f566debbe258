import { type ColumnDefinitionBuilder, type Kysely, SqliteAdapter } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * What a person typed into a form that arrived after their session had ended by time (issue 27,
 * point 1): the text fields only (never passwords, codes, files or the robot trap), as JSON, for
 * the person and the page it was sent from. Offered once at the next sign-in of that same person
 * and then deleted; kept at most until `expires_at` (24 hours).
 */
export async function up(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const id = sqlite ? ("integer" as const) : ("serial" as const);
  const idCol = (col: ColumnDefinitionBuilder) => (sqlite ? col.primaryKey().autoIncrement() : col.primaryKey());

  await db.schema
    .createTable("kept_forms")
    .addColumn("id", id, idCol)
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("fields", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("kept_forms_user_path").on("kept_forms").columns(["user_id", "path"]).unique().execute();
  await db.schema.createIndex("kept_forms_expires").on("kept_forms").column("expires_at").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("kept_forms").execute();
}
