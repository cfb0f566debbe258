import type { Kysely } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Issue 31, points 2 and 6: the opt-in pool of certified ervaringsdeskundigen.
 *
 * `pool_profiles`: one row per person who joined (only with a valid certificate, checked by the
 * service). It holds only what the person chose to show: their lived experience in their own
 * words (never taken from the POP), hours per week, the period they are available, and how to
 * reach them. `paused_at` set: in the pool but not to be suggested. Leaving deletes the row at
 * once; the audit line keeps only the fact.
 *
 * `pool_profile_tags`: the chosen themes, languages and stadsdelen, one row per choice (`kind`
 * theme | language | stadsdeel, `code` from the fixed lists in app/forms/pool.ts), so later
 * matching and monitoring can filter and count in SQL. Deleted with the profile (cascade, and the
 * service deletes them explicitly too).
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("pool_profiles")
    .addColumn("participant_id", "integer", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("experience", "text", (c) => c.notNull())
    .addColumn("hours_per_week", "integer", (c) => c.notNull())
    .addColumn("available_from", "text")
    .addColumn("available_until", "text")
    .addColumn("contact_phone", "text")
    .addColumn("contact_email", "text")
    .addColumn("consent_at", "text", (c) => c.notNull())
    .addColumn("paused_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("pool_profile_tags")
    .addColumn("participant_id", "integer", (c) => c.notNull().references("pool_profiles.participant_id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("pool_profile_tags_pk", ["participant_id", "kind", "code"])
    .execute();
  await db.schema.createIndex("pool_profile_tags_kind_code").on("pool_profile_tags").columns(["kind", "code"]).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("pool_profile_tags").execute();
  await db.schema.dropTable("pool_profiles").execute();
}
