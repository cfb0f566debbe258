import type { Kysely } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Issue 31, point 5: the funder's pool figures replay the pool's history from the audit trail
 * (`pool.join`, `pool.pause`, `pool.resume`, `pool.leave`, `person.anonymise`, and every
 * `poolInvitation.accept`), in date order. Without an index on the action every view of that page
 * reads the whole audit log, which only grows. (Creating an index is allowed on the append-only
 * audit log: its triggers refuse UPDATE and DELETE of rows, not this.)
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.createIndex("audit_log_action_at").on("audit_log").columns(["action", "at"]).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex("audit_log_action_at").execute();
}
