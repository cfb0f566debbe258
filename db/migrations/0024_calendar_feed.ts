import { SqliteAdapter, sql, type Kysely } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Issue 28, point 4: a personal calendar feed (iCalendar) at a secret URL.
 *
 * `calendar_feeds`: one row per person who made a feed link, with only the SHA-256 of the token in
 * the link (a copy of the database opens no feed). Renewing replaces the hash: the old link stops.
 *
 * `calendar_sequence` on meetings and interviews: the iCalendar SEQUENCE. It moves on whenever
 * what a calendar shows changes (title, kind, day, times, place, online link, cancelled or not),
 * so a calendar app replaces its copy. Database triggers keep it, not the services: no write path
 * can forget it. SQLite cannot change NEW in a trigger, so it updates the row after the change
 * (recursive triggers are off, and the trigger only listens to the shown columns); PostgreSQL
 * sets it in a BEFORE trigger.
 */
const WATCHED = {
  course_sessions: ["title", "type", "date", "start_time", "end_time", "location", "online_url", "status"],
  interviews: ["date", "start_time", "location"],
} as const;

export async function up(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .createTable("calendar_feeds")
    .addColumn("user_id", "integer", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("calendar_feeds_token_hash").on("calendar_feeds").column("token_hash").unique().execute();

  for (const [table, columns] of Object.entries(WATCHED)) {
    await db.schema
      .alterTable(table)
      .addColumn("calendar_sequence", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    if (sqlite) {
      const changed = columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(" OR ");
      await sql
        .raw(
          `CREATE TRIGGER ${table}_calendar_sequence AFTER UPDATE OF ${columns.join(", ")} ON ${table}
           WHEN ${changed}
           BEGIN UPDATE ${table} SET calendar_sequence = calendar_sequence + 1 WHERE id = NEW.id; END`,
        )
        .execute(db);
    } else {
      const list = (row: string) => `(${columns.map((c) => `${row}.${c}`).join(", ")})`;
      await sql
        .raw(
          `CREATE FUNCTION ${table}_calendar_sequence() RETURNS trigger AS $$
          BEGIN
            IF ${list("NEW")} IS DISTINCT FROM ${list("OLD")} THEN
              NEW.calendar_sequence := OLD.calendar_sequence + 1;
            END IF;
            RETURN NEW;
          END; $$ LANGUAGE plpgsql`,
        )
        .execute(db);
      await sql
        .raw(`CREATE TRIGGER ${table}_calendar_sequence BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_calendar_sequence()`)
        .execute(db);
    }
  }
}

export async function down(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  for (const table of Object.keys(WATCHED)) {
    if (sqlite) {
      await sql.raw(`DROP TRIGGER IF EXISTS ${table}_calendar_sequence`).execute(db);
    } else {
      await sql.raw(`DROP TRIGGER IF EXISTS ${table}_calendar_sequence ON ${table}`).execute(db);
      await sql.raw(`DROP FUNCTION IF EXISTS ${table}_calendar_sequence()`).execute(db);
    }
    await db.schema.alterTable(table).dropColumn("calendar_sequence").execute();
  }
  await db.schema.dropTable("calendar_feeds").execute();
}
