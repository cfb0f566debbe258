import path from "node:path";
import fs from "node:fs";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect, type MigrationResultSet } from "kysely";
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
 */
class SafeSqliteDialect extends SqliteDialect {
  constructor(private readonly sqlite: SQLite.Database) {
    super({ database: sqlite });
  }

  override createDriver() {
    const driver = super.createDriver();
    const rollback = driver.rollbackTransaction.bind(driver);
    driver.rollbackTransaction = async (connection) => {
      if (this.sqlite.inTransaction) await rollback(connection);
    };
    return driver;
  }
}

/** Opens the database named by the URL. SQLite is the embedded default. */
export function createDb(url: string = DEFAULT_DATABASE_URL): DB {
  if (isPostgresUrl(url)) {
    throw new Error(
      "PostgreSQL wordt nog niet ondersteund in deze versie (DATABASE_URL). Gebruik een SQLite-bestand.",
    );
  }
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
