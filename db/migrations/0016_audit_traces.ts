import { type Kysely, SqliteAdapter, sql } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Sign-in traces follow their retention (issue 24, point 11). The audit log stays append-only and
 * keeps what proves who did what (when, which action, by whom, on which record, with what outcome);
 * the personal traces of a line (the IP address it came from, the e-mail address someone typed at
 * sign-in) move to `audit_traces`, one row per audit line, which the retention run empties after
 * the sign-in trace period and anonymising clears at once.
 *
 * Lines written before this migration are moved once: their IP and typed e-mail address go to
 * `audit_traces`; a sign-in line whose subject was an e-mail address gets the account as subject
 * (`user`, id) when the account exists, and no subject otherwise. This one-off move is the only
 * change ever made to old lines; the database refuses every other change before and after it.
 */
export async function up(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .createTable("audit_traces")
    .addColumn("audit_id", "integer", (c) => c.primaryKey().references("audit_log.id"))
    .addColumn("ip", "text")
    .addColumn("email", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_traces_created").on("audit_traces").column("created_at").execute();
  await db.schema.createIndex("audit_traces_email").on("audit_traces").column("email").execute();

  await sql`INSERT INTO audit_traces (audit_id, ip, email, created_at)
    SELECT id, ip, CASE WHEN target_type = 'email' THEN target_id END, at FROM audit_log
    WHERE ip IS NOT NULL OR target_type = 'email'`.execute(db);

  if (sqlite) await sql`DROP TRIGGER audit_log_no_update`.execute(db);
  else await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`.execute(db);

  const userId = sqlite ? sql`(SELECT CAST(u.id AS text) FROM users u WHERE u.email = audit_log.target_id)` : sql`(SELECT u.id::text FROM users u WHERE u.email = audit_log.target_id)`;
  await sql`UPDATE audit_log SET target_type = 'user', target_id = ${userId}
    WHERE target_type = 'email' AND EXISTS (SELECT 1 FROM users u WHERE u.email = audit_log.target_id)`.execute(db);
  await sql`UPDATE audit_log SET target_type = NULL, target_id = NULL WHERE target_type = 'email'`.execute(db);
  await sql`UPDATE audit_log SET ip = NULL WHERE ip IS NOT NULL`.execute(db);

  if (sqlite) {
    // The same rule as before the move (migration 0015).
    await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      WHEN NOT (
        OLD.target_type = 'email' AND NEW.target_type = 'email'
        AND NEW.target_id LIKE 'geanonimiseerd-%@invalid.invalid'
        AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.action = OLD.action AND NEW.outcome = OLD.outcome
        AND NEW.actor_id IS OLD.actor_id AND NEW.actor_role IS OLD.actor_role
        AND NEW.ip IS OLD.ip AND NEW.details IS OLD.details
      )
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
  } else {
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change`.execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  // The moved traces stay where they are: the old lines are not rewritten back.
  await db.schema.dropTable("audit_traces").ifExists().execute();
}
