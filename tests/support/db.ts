import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { createDb, createPostgresDb, isPostgresUrl, type DB } from "../../db/connect";
import { setupDatabase } from "../../app/setup.server";
import { currentTime } from "../../app/clock.server";

/**
 * Test databases: a template SQLite file is migrated (and optionally seeded) once per
 * change of the schema, seed or templates, then copied for every test file, so each file
 * runs on its own real database through the real queries.
 *
 * With TEST_DATABASE_URL (or PG_TEST_URL) set to a postgres:// URL, the same happens on
 * PostgreSQL: template databases are built once, and every test file gets its own fresh
 * database made with CREATE DATABASE … TEMPLATE. The URL's own database is only used to
 * create and drop the others.
 */
const ROOT = path.resolve(__dirname, "../..");

function inputsHash(): string {
  const h = createHash("sha256");
  const files = [
    ...fs.readdirSync(path.join(ROOT, "db/migrations")).map((f) => path.join(ROOT, "db/migrations", f)),
    ...fs.readdirSync(path.join(ROOT, "db")).map((f) => path.join(ROOT, "db", f)),
    ...fs.readdirSync(path.join(ROOT, "demo")).map((f) => path.join(ROOT, "demo", f)),
    path.join(ROOT, "app/setup.server.ts"),
    ...fs.readdirSync(path.join(ROOT, "templates")).map((f) => path.join(ROOT, "templates", f)),
  ].sort();
  for (const f of files) if (fs.statSync(f).isFile()) h.update(f).update(fs.readFileSync(f));
  // The demo data is laid out around today: a template from yesterday is stale.
  h.update(currentTime().toISOString().slice(0, 10));
  return h.digest("hex").slice(0, 16);
}

/** The PostgreSQL server the integration tests run on, or null for SQLite. */
export function postgresTestUrl(): string | null {
  const url = process.env.TEST_DATABASE_URL || process.env.PG_TEST_URL || "";
  return isPostgresUrl(url) ? url : null;
}

/** True when the integration tests run on PostgreSQL (for tests that inspect SQLite internals). */
export const onPostgres = postgresTestUrl() !== null;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function withAdmin<T>(fn: (admin: DB) => Promise<T>): Promise<T> {
  const admin = createPostgresDb(postgresTestUrl()!, { max: 1 });
  try {
    return await fn(admin);
  } finally {
    await admin.destroy();
  }
}

async function databaseExists(admin: DB, name: string): Promise<boolean> {
  const r = await sql<{ n: number }>`select count(*) as n from pg_database where datname = ${name}`.execute(admin);
  return Number(r.rows[0]?.n) > 0;
}

async function templateDatabase(kind: "empty" | "demo"): Promise<string> {
  const url = postgresTestUrl()!;
  const name = `leerlijn_tpl_${kind}_${inputsHash()}`;
  return withAdmin(async (admin) => {
    if (await databaseExists(admin, name)) return name;
    const tmp = `${name}_${process.pid}_${Date.now()}`;
    await sql`create database ${sql.id(tmp)}`.execute(admin);
    const db = createPostgresDb(withDatabase(url, tmp), { max: 2 });
    try {
      await setupDatabase(db, { demo: kind === "demo", templatesDir: path.join(ROOT, "templates") });
    } finally {
      await db.destroy();
    }
    // Another process may have finished the same template meanwhile: keep theirs.
    if (await databaseExists(admin, name)) await sql`drop database ${sql.id(tmp)}`.execute(admin);
    else await sql`alter database ${sql.id(tmp)} rename to ${sql.id(name)}`.execute(admin);
    return name;
  });
}

async function createPostgresTestDb(kind: "empty" | "demo"): Promise<TestDb> {
  const url = postgresTestUrl()!;
  const template = await templateDatabase(kind);
  const name = `leerlijn_t_${kind}_${process.pid}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  await withAdmin((admin) => sql`create database ${sql.id(name)} template ${sql.id(template)}`.execute(admin));
  const file = withDatabase(url, name);
  const db = createPostgresDb(file);
  return {
    db,
    file,
    close: async () => {
      await db.destroy();
      await withAdmin((admin) => sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin));
    },
  };
}

async function templateFile(kind: "empty" | "demo"): Promise<string> {
  const dir = path.join(os.tmpdir(), `leerlijn-test-${inputsHash()}`);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${kind}.sqlite`);
  if (fs.existsSync(file)) return file;
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const db = createDb(tmp);
  await setupDatabase(db, { demo: kind === "demo", templatesDir: path.join(ROOT, "templates") });
  await db.destroy();
  // Fold the WAL into the main file before copying it around.
  const Sqlite = (await import("better-sqlite3")).default;
  const raw = new Sqlite(tmp);
  raw.pragma("wal_checkpoint(TRUNCATE)");
  raw.pragma("journal_mode = DELETE");
  raw.close();
  fs.renameSync(tmp, file);
  return file;
}

export interface TestDb {
  db: DB;
  /** The SQLite file, or on PostgreSQL the database's URL. */
  file: string;
  close: () => Promise<void>;
}

/** A fresh test database: PostgreSQL when TEST_DATABASE_URL names one, else a SQLite file. */
export async function createTestDb(kind: "empty" | "demo" = "empty"): Promise<TestDb> {
  if (postgresTestUrl()) return createPostgresTestDb(kind);
  return createSqliteTestDb(kind);
}

/** Always a SQLite file, for tests about SQLite itself (durability of the file, backups). */
export async function createSqliteTestDb(kind: "empty" | "demo" = "empty"): Promise<TestDb> {
  const template = await templateFile(kind);
  const file = path.join(os.tmpdir(), `leerlijn-${kind}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.sqlite`);
  fs.copyFileSync(template, file);
  const db = createDb(file);
  return {
    db,
    file,
    close: async () => {
      await db.destroy();
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    },
  };
}

/** Builds the template databases once, before the integration tests start in parallel. */
export async function prepareTemplates(opts: { sqlite?: boolean } = {}): Promise<void> {
  if (postgresTestUrl() && !opts.sqlite) {
    await templateDatabase("empty");
    await templateDatabase("demo");
    return;
  }
  await templateFile("empty");
  await templateFile("demo");
}
