import { type ColumnDefinitionBuilder, type Kysely, SqliteAdapter, sql } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const id = sqlite ? ("integer" as const) : ("serial" as const);
  const idCol = (col: ColumnDefinitionBuilder) => (sqlite ? col.primaryKey().autoIncrement() : col.primaryKey());

  await db.schema
    .createTable("pops")
    .addColumn("id", id, idCol)
    .addColumn("participant_id", "integer", (c) => c.notNull().unique().references("users.id"))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('concept','ingediend','goedgekeurd','terug')`))
    .addColumn("current_version", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("story_consent_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("pop_versions")
    .addColumn("id", id, idCol)
    .addColumn("pop_id", "integer", (c) => c.notNull().references("pops.id").onDelete("cascade"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("author_id", "integer", (c) => c.references("users.id"))
    .addColumn("restored_from", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("pop_versions_unique", ["pop_id", "number"])
    .execute();

  await db.schema
    .createTable("pop_events")
    .addColumn("id", id, idCol)
    .addColumn("pop_id", "integer", (c) => c.notNull().references("pops.id").onDelete("cascade"))
    .addColumn("version_number", "integer", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull().check(sql`action in ('submit','approve','return')`))
    .addColumn("actor_id", "integer", (c) => c.references("users.id"))
    .addColumn("note", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("pop_comments")
    .addColumn("id", id, idCol)
    .addColumn("pop_id", "integer", (c) => c.notNull().references("pops.id").onDelete("cascade"))
    .addColumn("version_number", "integer", (c) => c.notNull())
    .addColumn("section", "text", (c) => c.notNull())
    .addColumn("author_id", "integer", (c) => c.references("users.id"))
    .addColumn("reply_to", "integer", (c) => c.references("pop_comments.id"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("pop_comments_pop").on("pop_comments").column("pop_id").execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of ["pop_comments", "pop_events", "pop_versions", "pops"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
