import { SqliteAdapter, sql, type Kysely } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * A version number per cohort that the database itself moves on whenever anything the progress
 * engine reads for that cohort changes (app/services/progress.server.ts caches a cohort's progress
 * per version and day). Triggers, not the services, keep it: no write path can forget it, and it
 * holds with several app processes on one database.
 *
 * A later migration that rebuilds one of these tables (SQLite's way to change a column) must
 * create its trigger again: see PROGRESS_SOURCES.
 */

/** Per table the progress engine reads: the cohorts a row belongs to (column `cohort_id`), as SQL over the row `r` (NEW or OLD). */
export const PROGRESS_SOURCES: Record<string, (r: string) => string> = {
  cohorts: (r) => `SELECT ${r}.id AS cohort_id`,
  leerlijn_versions: (r) => `SELECT id AS cohort_id FROM cohorts WHERE leerlijn_version_id = ${r}.id`,
  enrolments: (r) => `SELECT ${r}.cohort_id AS cohort_id`,
  users: (r) => `SELECT cohort_id FROM enrolments WHERE participant_id = ${r}.id`,
  course_sessions: (r) => `SELECT ${r}.cohort_id AS cohort_id`,
  attendance: (r) => `SELECT cohort_id FROM course_sessions WHERE id = ${r}.session_id`,
  intervisie_groups: (r) => `SELECT ${r}.cohort_id AS cohort_id`,
  intervisie_group_members: (r) => `SELECT cohort_id FROM intervisie_groups WHERE id = ${r}.group_id`,
  training_choices: (r) => `SELECT ${r}.cohort_id AS cohort_id`,
  practice_entries: (r) => `SELECT cohort_id FROM enrolments WHERE participant_id = ${r}.participant_id`,
  pops: (r) => `SELECT cohort_id FROM enrolments WHERE participant_id = ${r}.participant_id`,
  pop_events: (r) => `SELECT e.cohort_id FROM enrolments e JOIN pops p ON p.participant_id = e.participant_id WHERE p.id = ${r}.pop_id`,
  gops: (r) => `SELECT ${r}.cohort_id AS cohort_id`,
  gop_events: (r) => `SELECT cohort_id FROM gops WHERE id = ${r}.gop_id`,
  interviews: (r) => `SELECT cohort_id FROM enrolments WHERE participant_id = ${r}.participant_id`,
};

/** One statement that moves the version of every cohort the row belongs to (both dialects). */
function bump(table: string, row: string): string {
  return `INSERT INTO progress_versions (cohort_id, version)
    SELECT cohort_id, 1 FROM (${PROGRESS_SOURCES[table](row)}) AS owners WHERE cohort_id IS NOT NULL
    ON CONFLICT (cohort_id) DO UPDATE SET version = progress_versions.version + 1`;
}

/** The trigger statements for one table, for SQLite or PostgreSQL. */
export function progressTriggerSql(table: string, sqlite: boolean): string[] {
  if (sqlite) {
    return [
      `CREATE TRIGGER progress_${table}_ins AFTER INSERT ON ${table} BEGIN ${bump(table, "NEW")}; END`,
      `CREATE TRIGGER progress_${table}_upd AFTER UPDATE ON ${table} BEGIN ${bump(table, "OLD")}; ${bump(table, "NEW")}; END`,
      `CREATE TRIGGER progress_${table}_del AFTER DELETE ON ${table} BEGIN ${bump(table, "OLD")}; END`,
    ];
  }
  return [
    `CREATE FUNCTION progress_${table}() RETURNS trigger AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN ${bump(table, "OLD")}; END IF;
        IF TG_OP <> 'DELETE' THEN ${bump(table, "NEW")}; END IF;
        RETURN NULL;
      END; $$ LANGUAGE plpgsql`,
    `CREATE TRIGGER progress_${table} AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION progress_${table}()`,
  ];
}

export async function up(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .createTable("progress_versions")
    // No foreign key: the trigger on a deleted cohort still writes its (then unused) row.
    .addColumn("cohort_id", "integer", (c) => c.primaryKey())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await sql`INSERT INTO progress_versions (cohort_id, version) SELECT id, 1 FROM cohorts`.execute(db);
  for (const table of Object.keys(PROGRESS_SOURCES)) {
    for (const statement of progressTriggerSql(table, sqlite)) await sql.raw(statement).execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  for (const table of Object.keys(PROGRESS_SOURCES)) {
    if (sqlite) {
      for (const kind of ["ins", "upd", "del"]) await sql.raw(`DROP TRIGGER IF EXISTS progress_${table}_${kind}`).execute(db);
    } else {
      await sql.raw(`DROP TRIGGER IF EXISTS progress_${table} ON ${table}`).execute(db);
      await sql.raw(`DROP FUNCTION IF EXISTS progress_${table}()`).execute(db);
    }
  }
  await db.schema.dropTable("progress_versions").execute();
}
