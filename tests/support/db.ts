import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb, type DB } from "../../db/connect";
import { setupDatabase } from "../../db/setup";

/**
 * Test databases: a template SQLite file is migrated (and optionally seeded) once per
 * change of the schema, seed or templates, then copied for every test file, so each file
 * runs on its own real database through the real queries.
 */
const ROOT = path.resolve(__dirname, "../..");

function inputsHash(): string {
  const h = createHash("sha256");
  const files = [
    ...fs.readdirSync(path.join(ROOT, "db/migrations")).map((f) => path.join(ROOT, "db/migrations", f)),
    ...fs.readdirSync(path.join(ROOT, "db")).map((f) => path.join(ROOT, "db", f)),
    ...fs.readdirSync(path.join(ROOT, "templates")).map((f) => path.join(ROOT, "templates", f)),
  ].sort();
  for (const f of files) if (fs.statSync(f).isFile()) h.update(f).update(fs.readFileSync(f));
  // The demo data is laid out around today: a template from yesterday is stale.
  h.update(new Date().toISOString().slice(0, 10));
  return h.digest("hex").slice(0, 16);
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
  file: string;
  close: () => Promise<void>;
}

export async function createTestDb(kind: "empty" | "demo" = "empty"): Promise<TestDb> {
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
export async function prepareTemplates(): Promise<void> {
  await templateFile("empty");
  await templateFile("demo");
}
