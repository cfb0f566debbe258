import { type ColumnDefinitionBuilder, type Kysely, SqliteAdapter, sql } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const id = sqlite ? ("integer" as const) : ("serial" as const);
  const idCol = (col: ColumnDefinitionBuilder) => (sqlite ? col.primaryKey().autoIncrement() : col.primaryKey());

  await db.schema
    .createTable("gops")
    .addColumn("id", id, idCol)
    .addColumn("cohort_id", "integer", (c) => c.notNull().unique().references("cohorts.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('concept','ingediend','goedgekeurd','terug')`))
    .addColumn("current_version", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("gop_versions")
    .addColumn("id", id, idCol)
    .addColumn("gop_id", "integer", (c) => c.notNull().references("gops.id").onDelete("cascade"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("changed_sections", "text", (c) => c.notNull())
    .addColumn("author_id", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("gop_versions_unique", ["gop_id", "number"])
    .execute();

  await db.schema
    .createTable("gop_events")
    .addColumn("id", id, idCol)
    .addColumn("gop_id", "integer", (c) => c.notNull().references("gops.id").onDelete("cascade"))
    .addColumn("version_number", "integer", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull().check(sql`action in ('submit','approve','return')`))
    .addColumn("actor_id", "integer", (c) => c.references("users.id"))
    .addColumn("note", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of ["gop_events", "gop_versions", "gops"]) await db.schema.dropTable(table).ifExists().execute();
}
