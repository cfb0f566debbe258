import type { Kysely } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Issue 24, point 5: a decision on practice hours applies to the version the decider saw.
 * `revision` counts the changes of an entry (1 when written, +1 on every change: a correction by
 * the participant, a decision). The sign-off forms carry the revision per entry; a decision on an
 * entry whose revision moved on in the meantime is refused. Same SQL on SQLite and PostgreSQL.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable("practice_entries")
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("practice_entries").dropColumn("revision").execute();
}
