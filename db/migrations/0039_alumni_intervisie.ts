import { type ColumnDefinitionBuilder, type Kysely, sql, SqliteAdapter } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Issue 31, point 4: city-wide intervisie for alumni (docs/decisions/025-city-wide-intervisie.md).
 *
 * `cohorts.kind`: 'course' (every existing row) or 'alumni': the container of one city-wide
 * intervisie group, so its meetings, attendance and intervisie record are the ordinary rows.
 * Nobody is enrolled in an alumni container; every cohort list filters on kind = 'course'.
 *
 * `alumni_intervisie_groups`: what only a city-wide group has (place, stadsdeel, places).
 * `alumni_intervisie_requests`: an alum's request to join (open | accepted | refused | removed).
 */
export async function up(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const id = sqlite ? ("integer" as const) : ("serial" as const);
  const idCol = (col: ColumnDefinitionBuilder) => (sqlite ? col.primaryKey().autoIncrement() : col.primaryKey());

  await db.schema
    .alterTable("cohorts")
    .addColumn("kind", "text", (c) => c.notNull().defaultTo("course"))
    .execute();

  await db.schema
    .createTable("alumni_intervisie_groups")
    .addColumn("group_id", "integer", (c) => c.primaryKey().references("intervisie_groups.id").onDelete("cascade"))
    .addColumn("cohort_id", "integer", (c) => c.notNull().unique().references("cohorts.id").onDelete("cascade"))
    .addColumn("place", "text", (c) => c.notNull())
    .addColumn("stadsdeel", "text", (c) => c.notNull())
    .addColumn("max_members", "integer", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("alumni_intervisie_requests")
    .addColumn("id", id, idCol)
    .addColumn("group_id", "integer", (c) => c.notNull().references("alumni_intervisie_groups.group_id").onDelete("cascade"))
    .addColumn("participant_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("requested_at", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .addColumn("decided_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  // At most one open or accepted request per person and group.
  await db.schema
    .createIndex("alumni_intervisie_requests_one_live")
    .unique()
    .on("alumni_intervisie_requests")
    .columns(["group_id", "participant_id"])
    .where(sql.ref("status"), "in", sql`('open', 'accepted')`)
    .execute();
  await db.schema.createIndex("alumni_intervisie_requests_participant").on("alumni_intervisie_requests").column("participant_id").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("alumni_intervisie_requests").execute();
  await db.schema.dropTable("alumni_intervisie_groups").execute();
  await db.schema.alterTable("cohorts").dropColumn("kind").execute();
}
