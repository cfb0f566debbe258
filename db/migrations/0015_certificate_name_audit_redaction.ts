import { type Kysely, SqliteAdapter, sql } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Anonymising keeps a person's name with their certificate and removes it everywhere else
 * (issue 23, points 5 and 6).
 *
 * 1. `certificates.participant_name`: the name as printed on the certificate, read from the
 *    snapshot frozen at issue (a generated column, so it can never differ from the PDF, /verify
 *    or the ceremony book). The register, its CSV and its search read this column instead of
 *    `users.name`, which anonymising replaces.
 * 2. The audit trail stays append-only with one exception: a line whose subject is an e-mail
 *    address (sign-in lines: `target_type = 'email'`) may have that address replaced by the
 *    placeholder address of an anonymised person (`geanonimiseerd-<id>@invalid.invalid`), and
 *    nothing else in the line may change. Deleting stays refused.
 */
export async function up(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  if (sqlite) {
    await sql`ALTER TABLE certificates ADD COLUMN participant_name text
      GENERATED ALWAYS AS (json_extract(snapshot, '$.participantName')) VIRTUAL`.execute(db);
    await sql`DROP TRIGGER audit_log_no_update`.execute(db);
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
    await sql`ALTER TABLE certificates ADD COLUMN participant_name text
      GENERATED ALWAYS AS (cast(snapshot as jsonb) ->> 'participantName') STORED`.execute(db);
    await sql`CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
      BEGIN
        IF TG_OP = 'UPDATE'
          AND OLD.target_type = 'email' AND NEW.target_type = 'email'
          AND NEW.target_id LIKE 'geanonimiseerd-%@invalid.invalid'
          AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.action = OLD.action AND NEW.outcome = OLD.outcome
          AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id AND NEW.actor_role IS NOT DISTINCT FROM OLD.actor_role
          AND NEW.ip IS NOT DISTINCT FROM OLD.ip AND NEW.details IS NOT DISTINCT FROM OLD.details
        THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_log is append-only';
      END; $$ LANGUAGE plpgsql`.execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  if (sqlite) {
    await sql`DROP TRIGGER audit_log_no_update`.execute(db);
    await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
  } else {
    await sql`CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql`.execute(db);
  }
  await db.schema.alterTable("certificates").dropColumn("participant_name").execute();
}
