import path from "node:path";
import fs from "node:fs";
import SQLite from "better-sqlite3";
import pg from "pg";
import { CompiledQuery, Kysely, Migrator, PostgresDialect, SqliteDialect, type MigrationResultSet, type SqliteDatabase } from "kysely";
import type { Database } from "./schema";
import { migrations } from "./migrations/index";

export type DB = Kysely<Database>;

export const DEFAULT_DATABASE_URL = "./data/leerlijn.sqlite";

/** Turns DATABASE_URL into a SQLite file path (`file:` prefix allowed). */
export function sqlitePathFrom(url: string): string {
  const withoutScheme = url.startsWith("file:") ? url.slice("file:".length) : url;
  return withoutScheme === ":memory:" ? withoutScheme : path.resolve(withoutScheme);
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * SQLite rolls a transaction back by itself on some errors (a full disk, for one). Kysely then
 * sends its own ROLLBACK, which fails with "no transaction is active" and hides the real cause.
 * This dialect only rolls back when a transaction is still open, so the real error reaches the user.
 *
 * Transactions start with BEGIN IMMEDIATE: they take the write lock at the start. Within one
 * process this changes nothing (kysely runs one transaction at a time on its one connection). With
 * two processes on one file, a plain (deferred) BEGIN that reads and then writes fails with
 * SQLITE_BUSY_SNAPSHOT ("database is locked") when the other process wrote in between; IMMEDIATE
 * makes it wait (busy_timeout) and then read what the other committed.
 */
class SafeSqliteDialect extends SqliteDialect {
  constructor(private readonly sqlite: SQLite.Database) {
    super({ database: withStatementCache(sqlite) });
  }

  override createDriver() {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw("begin immediate"));
    };
    const rollback = driver.rollbackTransaction.bind(driver);
    driver.rollbackTransaction = async (connection) => {
      if (this.sqlite.inTransaction) await rollback(connection);
    };
    return driver;
  }
}

/**
 * Kysely prepares every query anew; on a page with a dozen queries preparing costs about as much
 * as running them. Keeps the most recent statements per SQL text (a statement that is still
 * being iterated is not handed out twice).
 */
function withStatementCache(sqlite: SQLite.Database, size = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (sql: string) => {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}

/**
 * Type parsers for PostgreSQL, so the services get the same JS types as from SQLite: int8 (what
 * COUNT(*) and SUM(integer) return) and numeric as numbers, not strings. Our schema keeps
 * timestamps and dates as ISO text, so no date parsing is involved. Per pool, not global.
 */
const PG_TYPE_PARSERS: Record<number, (value: string) => unknown> = {
  20: Number, // int8
  1700: Number, // numeric
};

const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => PG_TYPE_PARSERS[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Opens a PostgreSQL database through a connection pool (`postgres://` or `postgresql://`). */
export function createPostgresDb(url: string, opts: { max?: number } = {}): DB {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, types: pgTypes });
  // An idle client that loses its connection (server restart) must not crash the process.
  pool.on("error", (error) => console.warn(`PostgreSQL: ${error.message}`));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Opens the database named by the URL. SQLite is the embedded default; `postgres://` opens PostgreSQL. */
export function createDb(url: string = DEFAULT_DATABASE_URL): DB {
  if (isPostgresUrl(url)) return createPostgresDb(url);
  const file = sqlitePathFrom(url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // FULL: a commit the app reported survives a power cut, not only a crash of the process.
  sqlite.pragma("synchronous = FULL");
  return new Kysely<Database>({ dialect: new SafeSqliteDialect(sqlite) });
}

/** Runs every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: DB): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error");
    throw new Error(`Migratie ${failed?.migrationName ?? "?"} mislukt: ${String(result.error)}`, {
      cause: result.error,
    });
  }
  return result;
}
