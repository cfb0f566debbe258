import path from "node:path";
import type { DB } from "../db/connect";
import { migrateToLatest } from "../db/connect";
import { seedDemo } from "../demo/seed";
import { loadTemplatesDir } from "./services/curriculum.server";

export const TEMPLATES_DIR = path.resolve("templates");

export interface SetupReport {
  migrations: string[];
  curriculum: { slug: string; version: number; created: boolean }[];
  demoSeeded: boolean;
}

/** What every start does: migrate, load the curriculum, and fill an empty demo database. */
export async function setupDatabase(db: DB, opts: { demo: boolean; templatesDir?: string }): Promise<SetupReport> {
  const migrated = await migrateToLatest(db);
  const curriculum = await loadTemplatesDir(db, opts.templatesDir ?? TEMPLATES_DIR);
  const demoSeeded = opts.demo ? await seedDemo(db) : false;
  return {
    migrations: (migrated.results ?? []).map((r) => r.migrationName),
    curriculum: curriculum.map(({ slug, version, created }) => ({ slug, version, created })),
    demoSeeded,
  };
}
