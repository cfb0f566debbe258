import { type Kysely } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Two more indexes the generated five-year installation asked for (issue 9; figures in
 * docs/benchmark.md): an examiner's interview list starts from that examiner's own interviews
 * instead of checking every interview, and the participant home's "supervisor links" lookup no
 * longer reads every link of every participant.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.createIndex("interview_assessors_user").on("interview_assessors").columns(["user_id", "interview_id"]).execute();
  await db.schema.createIndex("supervisor_links_participant").on("supervisor_links").column("participant_id").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex("supervisor_links_participant").execute();
  await db.schema.dropIndex("interview_assessors_user").execute();
}
