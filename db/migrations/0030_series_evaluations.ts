import { type ColumnDefinitionBuilder, type Kysely, SqliteAdapter } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Issue 29, point 6: a series (reeks) of meetings planned in one form.
 *
 * `meeting_series`: how the series was planned (first day, every one or two weeks, how many times,
 * the skipped days as a JSON list of yyyy-mm-dd), for the record and the audit trail. The meetings
 * themselves stay ordinary rows of `course_sessions`, each changeable on its own.
 *
 * `course_sessions.series_id`: the series a meeting belongs to, or null for a single meeting.
 * "This and all later ones" means: the meetings of the same series on a later day.
 *
 * Issue 29, point 8: a short anonymous evaluation after a meeting, in two tables that share nothing
 * but the meeting, so who said what cannot be read back:
 * - `meeting_evaluations`: the answer (score 1–5, one line of text) with the meeting only. No
 *   person, no time; its key is random (not a counter), so the order of answers is not kept either.
 * - `meeting_evaluation_answered`: that a participant answered a meeting (to answer once), no time.
 */
export async function up(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const id = sqlite ? ("integer" as const) : ("serial" as const);
  const idCol = (col: ColumnDefinitionBuilder) => (sqlite ? col.primaryKey().autoIncrement() : col.primaryKey());

  await db.schema
    .createTable("meeting_series")
    .addColumn("id", id, idCol)
    .addColumn("cohort_id", "integer", (c) => c.notNull().references("cohorts.id").onDelete("cascade"))
    .addColumn("first_date", "text", (c) => c.notNull())
    .addColumn("every_weeks", "integer", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addColumn("skip_dates", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("meeting_series_cohort").on("meeting_series").column("cohort_id").execute();
  await db.schema
    .alterTable("course_sessions")
    .addColumn("series_id", "integer", (c) => c.references("meeting_series.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("course_sessions_series").on("course_sessions").columns(["series_id", "date"]).execute();

  await db.schema
    .createTable("meeting_evaluations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("session_id", "integer", (c) => c.notNull().references("course_sessions.id").onDelete("cascade"))
    .addColumn("score", "integer", (c) => c.notNull())
    .addColumn("comment", "text")
    .execute();
  await db.schema.createIndex("meeting_evaluations_session").on("meeting_evaluations").column("session_id").execute();
  await db.schema
    .createTable("meeting_evaluation_answered")
    .addColumn("session_id", "integer", (c) => c.notNull().references("course_sessions.id").onDelete("cascade"))
    .addColumn("participant_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("meeting_evaluation_answered_pk", ["session_id", "participant_id"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("meeting_evaluation_answered").execute();
  await db.schema.dropTable("meeting_evaluations").execute();
  await db.schema.dropIndex("course_sessions_series").execute();
  await db.schema.alterTable("course_sessions").dropColumn("series_id").execute();
  await db.schema.dropTable("meeting_series").execute();
}
