import { sql, type Kysely } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Issue 29, point 9: coming back after a break. A person who left a cohort (uitstroom, `left_on`
 * set) can be enrolled in a later cohort, so a participant may now have more than one enrolment
 * over time; `enrolments_unique` (cohort, participant) stays. Never two open enrolments at once:
 * a partial unique index on the participant where `left_on` is null (SQLite and PostgreSQL both
 * have partial indexes). Until now the service allowed one enrolment per person, so no existing
 * data breaks it.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex("enrolments_one_open")
    .unique()
    .on("enrolments")
    .column("participant_id")
    .where(sql.ref("left_on"), "is", null)
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex("enrolments_one_open").execute();
}
