import { type Kysely } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Privacy (AVG): settings the coordinator changes (retention periods), a mark on an anonymised
 * person, the participant's choice to keep their POP drafts after the course, and a mark on an
 * assessment file whose free texts were removed after its retention period.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "integer", (c) => c.references("users.id"))
    .execute();
  await db.schema.alterTable("users").addColumn("anonymised_at", "text").execute();
  await db.schema.alterTable("pops").addColumn("keep_drafts_at", "text").execute();
  await db.schema.alterTable("interviews").addColumn("purged_at", "text").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("interviews").dropColumn("purged_at").execute();
  await db.schema.alterTable("pops").dropColumn("keep_drafts_at").execute();
  await db.schema.alterTable("users").dropColumn("anonymised_at").execute();
  await db.schema.dropTable("settings").execute();
}
