import type { Kysely } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Issue 27, point 1: which of a page's forms a kept form came from. Several forms on one page can
 * share field names (the examiner's "reason" to correct and "reason" to cancel), and the button's
 * intent is what tells them apart. It is kept next to the typed fields, never shown, and never
 * filled into a field.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("kept_forms").addColumn("intent", "text").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("kept_forms").dropColumn("intent").execute();
}
