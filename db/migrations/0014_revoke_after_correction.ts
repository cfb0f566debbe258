import { type ColumnDefinitionBuilder, type Kysely, SqliteAdapter, sql } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Issue 23: a finalised correction that turns "geslaagd" into anything else ends the certificate
 * at once and publicly. `revoke_kind` says why a certificate was revoked: null for a revocation
 * by hand (the coordinator's, with a reason), 'correctie' when a correction of the interview
 * ended it ("ingetrokken na correctie" on the register, /verify and the JSON alike).
 *
 * `coordinator_notices`: in-app notices on the coordinator's pages (no e-mail exists yet), e.g.
 * "certificate X was revoked after a correction". `interview_id` has no foreign key on purpose:
 * an assessment file may be removed after its retention period, the notice stays readable.
 */
export async function up(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const id = sqlite ? ("integer" as const) : ("serial" as const);
  const idCol = (col: ColumnDefinitionBuilder) => (sqlite ? col.primaryKey().autoIncrement() : col.primaryKey());

  await db.schema
    .alterTable("certificates")
    .addColumn("revoke_kind", "text", (c) => c.check(sql`revoke_kind in ('correctie')`))
    .execute();

  await db.schema
    .createTable("coordinator_notices")
    .addColumn("id", id, idCol)
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('certificate.revokedAfterCorrection')`))
    .addColumn("participant_id", "integer", (c) => c.references("users.id").onDelete("cascade"))
    .addColumn("certificate_id", "integer", (c) => c.references("certificates.id").onDelete("cascade"))
    .addColumn("interview_id", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("seen_at", "text")
    .addColumn("seen_by", "integer", (c) => c.references("users.id"))
    .execute();
  await db.schema.createIndex("coordinator_notices_open").on("coordinator_notices").columns(["seen_at", "id"]).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("coordinator_notices").ifExists().execute();
  await db.schema.alterTable("certificates").dropColumn("revoke_kind").execute();
}
