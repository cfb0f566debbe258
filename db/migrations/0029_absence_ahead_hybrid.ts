import { type ColumnDefinitionBuilder, type Kysely, SqliteAdapter, sql } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Issue 29, points 2 and 3.
 *
 * `absence_reports`: a participant says ahead that they will miss a meeting (afmelden), with an
 * optional reason that only the cohort's trainers see. One row per meeting and person; withdrawing
 * deletes the row (and with it the reason). It is not attendance: the trainer's list opens with
 * "afgemeld" for them, and only the trainer's save records it.
 *
 * `course_sessions.mode`: in person, online or both (hybrid). `attendance.mode`: for a hybrid
 * meeting, whether the person was there in person or online (null otherwise, and when absent).
 */
export async function up(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const id = sqlite ? ("integer" as const) : ("serial" as const);
  const idCol = (col: ColumnDefinitionBuilder) => (sqlite ? col.primaryKey().autoIncrement() : col.primaryKey());

  await db.schema
    .createTable("absence_reports")
    .addColumn("id", id, idCol)
    .addColumn("session_id", "integer", (c) => c.notNull().references("course_sessions.id").onDelete("cascade"))
    .addColumn("participant_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("reason", "text")
    .addColumn("reported_at", "text", (c) => c.notNull())
    .addUniqueConstraint("absence_reports_unique", ["session_id", "participant_id"])
    .execute();
  await db.schema.createIndex("absence_reports_participant").on("absence_reports").column("participant_id").execute();

  await db.schema
    .alterTable("course_sessions")
    .addColumn("mode", "text", (c) => c.notNull().defaultTo("in_person").check(sql`mode in ('in_person','online','hybrid')`))
    .execute();
  await db.schema
    .alterTable("attendance")
    .addColumn("mode", "text", (c) => c.check(sql`mode in ('in_person','online')`))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("attendance").dropColumn("mode").execute();
  await db.schema.alterTable("course_sessions").dropColumn("mode").execute();
  await db.schema.dropTable("absence_reports").execute();
}
