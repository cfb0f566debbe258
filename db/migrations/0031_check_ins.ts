import { type ColumnDefinitionBuilder, type Kysely, SqliteAdapter } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Issue 29, point 4: self check-in.
 *
 * `check_in_keys`: one random secret per meeting, made when a trainer first opens the check-in
 * screen. With the server's secret it signs the code of each minute (app/rules/check-in.ts); the
 * codes themselves are never stored.
 *
 * `check_ins`: a participant checked in with a code: present, pending the trainer's confirmation.
 * It is not attendance: the trainer's list opens with "aanwezig" for them and only the trainer's
 * save records it. One row per meeting and person (the first check-in counts).
 */
export async function up(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const id = sqlite ? ("integer" as const) : ("serial" as const);
  const idCol = (col: ColumnDefinitionBuilder) => (sqlite ? col.primaryKey().autoIncrement() : col.primaryKey());

  await db.schema
    .createTable("check_in_keys")
    .addColumn("session_id", "integer", (c) => c.primaryKey().references("course_sessions.id").onDelete("cascade"))
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("check_ins")
    .addColumn("id", id, idCol)
    .addColumn("session_id", "integer", (c) => c.notNull().references("course_sessions.id").onDelete("cascade"))
    .addColumn("participant_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("checked_in_at", "text", (c) => c.notNull())
    .addUniqueConstraint("check_ins_unique", ["session_id", "participant_id"])
    .execute();
  await db.schema.createIndex("check_ins_participant").on("check_ins").column("participant_id").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("check_ins").execute();
  await db.schema.dropTable("check_in_keys").execute();
}
