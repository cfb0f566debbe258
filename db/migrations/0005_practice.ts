import { type ColumnDefinitionBuilder, type Kysely, SqliteAdapter, sql } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * The participant's own leerlijn: training choices, leerplek, practice hours with sign-off by
 * trainer or werkbegeleider (through a personal link), and oefenopdracht answers.
 */
export async function up(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const id = sqlite ? ("integer" as const) : ("serial" as const);
  const idCol = (col: ColumnDefinitionBuilder) => (sqlite ? col.primaryKey().autoIncrement() : col.primaryKey());

  await db.schema
    .createTable("training_choices")
    .addColumn("id", id, idCol)
    .addColumn("cohort_id", "integer", (c) => c.notNull().references("cohorts.id").onDelete("cascade"))
    .addColumn("participant_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("training_id", "integer", (c) => c.notNull().references("trainings.id"))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('gekozen','bevestigd','wachtlijst')`))
    .addColumn("leerdoel", "text")
    .addColumn("assigned_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("training_choices_unique", ["participant_id", "training_id"])
    .execute();
  await db.schema.createIndex("training_choices_by_training").on("training_choices").columns(["cohort_id", "training_id"]).execute();

  await db.schema
    .createTable("placements")
    .addColumn("participant_id", "integer", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("organisation", "text", (c) => c.notNull())
    .addColumn("team", "text")
    .addColumn("supervisor_name", "text", (c) => c.notNull())
    .addColumn("supervisor_email", "text", (c) => c.notNull())
    .addColumn("supervisor_phone", "text")
    .addColumn("updated_by", "integer", (c) => c.references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("supervisor_links")
    .addColumn("id", id, idCol)
    .addColumn("participant_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("supervisor_name", "text", (c) => c.notNull())
    .addColumn("supervisor_email", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .addColumn("used_at", "text")
    .execute();

  await db.schema
    .createTable("practice_entries")
    .addColumn("id", id, idCol)
    .addColumn("participant_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("minutes", "integer", (c) => c.notNull().check(sql`minutes > 0 and minutes <= 720 and minutes % 15 = 0`))
    .addColumn("activity", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("reflection", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('open','bevestigd','afgewezen')`))
    .addColumn("decided_how", "text", (c) => c.check(sql`decided_how in ('trainer','werkbegeleider')`))
    .addColumn("decided_by", "integer", (c) => c.references("users.id"))
    .addColumn("decided_by_name", "text")
    .addColumn("decided_link_id", "integer", (c) => c.references("supervisor_links.id"))
    .addColumn("decision_comment", "text")
    .addColumn("decided_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("practice_entries_by_participant").on("practice_entries").columns(["participant_id", "date"]).execute();

  await db.schema
    .createTable("supervisor_link_entries")
    .addColumn("link_id", "integer", (c) => c.notNull().references("supervisor_links.id").onDelete("cascade"))
    .addColumn("entry_id", "integer", (c) => c.notNull().references("practice_entries.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("supervisor_link_entries_pk", ["link_id", "entry_id"])
    .execute();

  await db.schema.alterTable("course_sessions").addColumn("assignment_due", "text").execute();

  await db.schema
    .createTable("assignment_answers")
    .addColumn("id", id, idCol)
    .addColumn("session_id", "integer", (c) => c.notNull().references("course_sessions.id").onDelete("cascade"))
    .addColumn("participant_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("feedback", "text")
    .addColumn("feedback_by", "integer", (c) => c.references("users.id"))
    .addColumn("feedback_at", "text")
    .addColumn("done_at", "text")
    .addColumn("done_by", "integer", (c) => c.references("users.id"))
    .addUniqueConstraint("assignment_answers_unique", ["session_id", "participant_id"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of ["assignment_answers", "supervisor_link_entries", "practice_entries", "supervisor_links", "placements", "training_choices"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await db.schema.alterTable("course_sessions").dropColumn("assignment_due").execute();
}
