import { type Kysely } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Indexes the generated five-year installation asked for (issue 9; figures in docs/benchmark.md
 * and the README): without them the progress engine's "was this POP/GOP ever approved" check
 * scanned every event for every POP, issuing or downloading a certificate scanned all
 * certificates, and the reports read every certificate row (PDF included) to count valid ones.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.createIndex("pop_events_pop").on("pop_events").columns(["pop_id", "action"]).execute();
  await db.schema.createIndex("gop_events_gop").on("gop_events").columns(["gop_id", "action"]).execute();
  await db.schema.createIndex("certificates_participant").on("certificates").column("participant_id").execute();
  // Covering the reports' "valid certificates per cohort": the PDF sits inside the certificate
  // row, so reading revoked_at and superseded_by_id from the table walks each PDF's overflow pages.
  await db.schema.createIndex("certificates_cohort_valid").on("certificates").columns(["cohort_id", "revoked_at", "superseded_by_id", "participant_id"]).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex("certificates_cohort_valid").execute();
  await db.schema.dropIndex("certificates_participant").execute();
  await db.schema.dropIndex("gop_events_gop").execute();
  await db.schema.dropIndex("pop_events_pop").execute();
}
