import { type Kysely, sql } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Uitstroom: a participant who leaves the cohort keeps their history but is marked with the
 * date and a reason category, and stops counting in at-risk lists.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("enrolments").addColumn("left_on", "text").execute();
  await db.schema
    .alterTable("enrolments")
    .addColumn("left_reason", "text", (c) => c.check(sql`left_reason in ('werk','gezondheid','persoonlijk','niet_passend','anders')`))
    .execute();
  await db.schema.alterTable("enrolments").addColumn("left_note", "text").execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const column of ["left_note", "left_reason", "left_on"]) await db.schema.alterTable("enrolments").dropColumn(column).execute();
}
