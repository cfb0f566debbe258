import { type ColumnDefinitionBuilder, type Kysely, SqliteAdapter, sql } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const id = sqlite ? ("integer" as const) : ("serial" as const);
  const idCol = (col: ColumnDefinitionBuilder) => (sqlite ? col.primaryKey().autoIncrement() : col.primaryKey());

  await db.schema
    .createTable("intervisie_groups")
    .addColumn("id", id, idCol)
    .addColumn("cohort_id", "integer", (c) => c.notNull().references("cohorts.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("intervisie_groups_name", ["cohort_id", "name"])
    .execute();

  await db.schema
    .createTable("intervisie_group_members")
    .addColumn("group_id", "integer", (c) => c.notNull().references("intervisie_groups.id").onDelete("cascade"))
    .addColumn("participant_id", "integer", (c) => c.notNull().references("users.id"))
    .addPrimaryKeyConstraint("intervisie_group_members_pk", ["group_id", "participant_id"])
    .execute();
  await db.schema
    .createIndex("intervisie_group_members_participant")
    .on("intervisie_group_members")
    .column("participant_id")
    .execute();

  await db.schema
    .createTable("course_sessions")
    .addColumn("id", id, idCol)
    .addColumn("cohort_id", "integer", (c) => c.notNull().references("cohorts.id").onDelete("cascade"))
    .addColumn("type", "text", (c) => c.notNull().check(sql`type in ('les','training','intervisie')`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("start_time", "text", (c) => c.notNull())
    .addColumn("end_time", "text", (c) => c.notNull())
    .addColumn("location", "text")
    .addColumn("online_url", "text")
    .addColumn("training_id", "integer", (c) => c.references("trainings.id"))
    .addColumn("intervisie_group_id", "integer", (c) => c.references("intervisie_groups.id"))
    .addColumn("programme", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("assignment", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("planned").check(sql`status in ('planned','cancelled')`))
    .addColumn("cancel_reason", "text")
    .addColumn("attendance_revision", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("course_sessions_cohort_date").on("course_sessions").columns(["cohort_id", "date"]).execute();

  await db.schema
    .createTable("session_trainers")
    .addColumn("session_id", "integer", (c) => c.notNull().references("course_sessions.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addPrimaryKeyConstraint("session_trainers_pk", ["session_id", "user_id"])
    .execute();

  await db.schema
    .createTable("attendance")
    .addColumn("id", id, idCol)
    .addColumn("session_id", "integer", (c) => c.notNull().references("course_sessions.id").onDelete("cascade"))
    .addColumn("participant_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('aanwezig','te_laat','afgemeld','afwezig')`),
    )
    .addColumn("minutes_missed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("note", "text")
    .addColumn("recorded_by", "integer", (c) => c.references("users.id"))
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addColumn("makeup_status", "text", (c) => c.check(sql`makeup_status in ('granted','done')`))
    .addColumn("makeup_description", "text")
    .addColumn("makeup_granted_by", "integer", (c) => c.references("users.id"))
    .addColumn("makeup_granted_at", "text")
    .addColumn("makeup_done_by", "integer", (c) => c.references("users.id"))
    .addColumn("makeup_done_at", "text")
    .addUniqueConstraint("attendance_unique", ["session_id", "participant_id"])
    .execute();
  await db.schema.createIndex("attendance_participant").on("attendance").column("participant_id").execute();

  await db.schema
    .createTable("intervisie_meetings")
    .addColumn("session_id", "integer", (c) => c.primaryKey().references("course_sessions.id").onDelete("cascade"))
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("method_other", "text")
    .addColumn("inbrenger_id", "integer", (c) => c.references("users.id"))
    .addColumn("theme", "text", (c) => c.notNull())
    .addColumn("learning_points", "text", (c) => c.notNull())
    .addColumn("recorded_by", "integer", (c) => c.references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("intervisie_reflections")
    .addColumn("id", id, idCol)
    .addColumn("session_id", "integer", (c) => c.notNull().references("course_sessions.id").onDelete("cascade"))
    .addColumn("participant_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("intervisie_reflections_unique", ["session_id", "participant_id"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    "intervisie_reflections",
    "intervisie_meetings",
    "attendance",
    "session_trainers",
    "course_sessions",
    "intervisie_group_members",
    "intervisie_groups",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
