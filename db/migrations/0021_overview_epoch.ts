import { SqliteAdapter, sql, type Kysely } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Issue 26, "cost does not grow with history": one number for the whole installation that the
 * database moves on whenever anything an overview across all cohorts shows may have changed: any
 * cohort's progress version (migration 0011, which follows every table the progress engine reads,
 * the interviews and the people's names included) and the certificates. The examiner's list of
 * interview candidates and the coordinator's report keep what they worked out per day and per
 * value of this number (app/services/overview-cache.server.ts), so a request reads one row instead
 * of every cohort ever held. Triggers, not the services, keep it: no write path can forget it, and
 * it holds with several app processes on one database.
 *
 * On PostgreSQL it moves once per transaction, when the transaction commits (a deferred constraint
 * trigger): the row is locked only at the very end, so two transactions that change different
 * cohorts never wait on each other in the middle, and cannot deadlock over it.
 */
const SOURCES = ["progress_versions", "certificates"] as const;

export async function up(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .createTable("overview_epoch")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("version", "bigint", (c) => c.notNull())
    // PostgreSQL: the transaction that moved it last (it moves once per transaction).
    .addColumn("txid", "bigint")
    .execute();
  await sql`INSERT INTO overview_epoch (id, version) VALUES (1, 1)`.execute(db);
  if (sqlite) {
    for (const table of SOURCES) {
      for (const [kind, event] of [
        ["ins", "INSERT"],
        ["upd", "UPDATE"],
        ["del", "DELETE"],
      ] as const) {
        await sql
          .raw(`CREATE TRIGGER overview_epoch_${table}_${kind} AFTER ${event} ON ${table} BEGIN UPDATE overview_epoch SET version = version + 1 WHERE id = 1; END`)
          .execute(db);
      }
    }
    return;
  }
  await sql
    .raw(
      `CREATE FUNCTION overview_epoch_bump() RETURNS trigger AS $$
      BEGIN
        UPDATE overview_epoch SET version = version + 1, txid = txid_current() WHERE id = 1 AND txid IS DISTINCT FROM txid_current();
        RETURN NULL;
      END; $$ LANGUAGE plpgsql`,
    )
    .execute(db);
  for (const table of SOURCES) {
    await sql
      .raw(
        `CREATE CONSTRAINT TRIGGER overview_epoch_${table} AFTER INSERT OR UPDATE OR DELETE ON ${table}
         DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION overview_epoch_bump()`,
      )
      .execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  for (const table of SOURCES) {
    if (sqlite) {
      for (const kind of ["ins", "upd", "del"]) await sql.raw(`DROP TRIGGER IF EXISTS overview_epoch_${table}_${kind}`).execute(db);
    } else {
      await sql.raw(`DROP TRIGGER IF EXISTS overview_epoch_${table} ON ${table}`).execute(db);
    }
  }
  if (!sqlite) await sql.raw(`DROP FUNCTION IF EXISTS overview_epoch_bump()`).execute(db);
  await db.schema.dropTable("overview_epoch").execute();
}
