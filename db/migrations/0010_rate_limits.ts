import { type ColumnDefinitionBuilder, type Kysely, SqliteAdapter } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Rate limits in the database instead of in the memory of one process, so every app process
 * sharing the database counts the same hits. One row per counted hit: the key names the limit
 * and whom it counts (`verify:<ip>`). Rows older than the limit's window are removed on the way
 * and by the retention job (an IP address is personal data).
 */
export async function up(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const id = sqlite ? ("integer" as const) : ("serial" as const);
  const idCol = (col: ColumnDefinitionBuilder) => (sqlite ? col.primaryKey().autoIncrement() : col.primaryKey());

  await db.schema
    .createTable("rate_limit_hits")
    .addColumn("id", id, idCol)
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("rate_limit_hits_key_time").on("rate_limit_hits").columns(["key", "created_at"]).execute();
  await db.schema.createIndex("rate_limit_hits_time").on("rate_limit_hits").column("created_at").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("rate_limit_hits").execute();
}
