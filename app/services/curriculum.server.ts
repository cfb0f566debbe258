import fs from "node:fs";
import path from "node:path";
import type { DB } from "../../db/connect";
import { parseLeerlijnTemplate, type LeerlijnTemplate } from "../rules/leerlijn-template";
import { currentTime } from "../clock.server";

export interface LoadResult {
  slug: string;
  version: number;
  versionId: number;
  created: boolean;
}

/**
 * Loads one leerlijn version into the database. Idempotent: a version that is already
 * there is left alone (versions are frozen; a change is a new version number).
 */
export async function loadLeerlijnVersion(db: DB, input: unknown, now = currentTime()): Promise<LoadResult> {
  const t = parseLeerlijnTemplate(input);
  return db.transaction().execute(async (trx) => {
    let leerlijn = await trx.selectFrom("leerlijnen").selectAll().where("slug", "=", t.slug).executeTakeFirst();
    if (!leerlijn) {
      leerlijn = await trx.insertInto("leerlijnen").values({ slug: t.slug, name: t.name }).returningAll().executeTakeFirstOrThrow();
    }
    const existing = await trx
      .selectFrom("leerlijn_versions")
      .select("id")
      .where("leerlijn_id", "=", leerlijn.id)
      .where("version", "=", t.version)
      .executeTakeFirst();
    if (existing) {
      await refreshLessonPlans(trx, existing.id, t);
      return { slug: t.slug, version: t.version, versionId: existing.id, created: false };
    }

    const version = await trx
      .insertInto("leerlijn_versions")
      .values({
        leerlijn_id: leerlijn.id,
        version: t.version,
        valid_from: t.validFrom,
        definition: JSON.stringify(t),
        loaded_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (t.trainings.length > 0) {
      await trx
        .insertInto("trainings")
        .values(
          t.trainings.map((tr, i) => ({
            leerlijn_version_id: version.id,
            code: tr.code,
            title: tr.title,
            description: tr.description,
            hours: tr.hours,
            capacity: tr.capacity,
            position: i,
          })),
        )
        .execute();
    }
    for (const [i, c] of t.competencies.entries()) {
      const comp = await trx
        .insertInto("competencies")
        .values({
          leerlijn_version_id: version.id,
          code: c.code,
          title: c.title,
          description: c.description,
          position: i,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("criteria")
        .values(c.criteria.map((cr, j) => ({ competency_id: comp.id, code: cr.code, text: cr.text, position: j })))
        .execute();
    }
    return { slug: t.slug, version: t.version, versionId: version.id, created: true };
  });
}

/**
 * Lesson plans are course content, not rules (decision 020): an installation that stored a version
 * before its lesson plans were added, or before one was corrected, gets the shipped file's lesson
 * plans for that same version. Only the `lessonPlans` of the stored copy change; every rule, and
 * everything else in it, stays as it was frozen. A shipped file without lesson plans takes none
 * away. Returns whether the stored copy changed.
 */
export async function refreshLessonPlans(db: DB, versionId: number, shipped: LeerlijnTemplate): Promise<boolean> {
  if (shipped.lessonPlans.length === 0) return false;
  const row = await db.selectFrom("leerlijn_versions").select("definition").where("id", "=", versionId).executeTakeFirst();
  if (!row) return false;
  const stored = JSON.parse(row.definition) as Record<string, unknown>;
  if (JSON.stringify(stored.lessonPlans ?? []) === JSON.stringify(shipped.lessonPlans)) return false;
  const updated = { ...stored, lessonPlans: shipped.lessonPlans };
  // The stored copy with the new lesson plans must still be a valid definition (e.g. no duplicate codes).
  parseLeerlijnTemplate(updated);
  await db
    .updateTable("leerlijn_versions")
    .set({ definition: JSON.stringify(updated) })
    .where("id", "=", versionId)
    .execute();
  return true;
}

/** Reads every *.json leerlijn template in a folder, in name order. */
export function readTemplatesDir(dir: string): unknown[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^leerlijn-.*\.json$/.test(f))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as unknown);
}

/** Loads the curriculum templates (templates/leerlijn-*.json): course data every installation needs, demo or not. */
export async function loadTemplatesDir(db: DB, dir: string): Promise<LoadResult[]> {
  const results: LoadResult[] = [];
  for (const t of readTemplatesDir(dir)) results.push(await loadLeerlijnVersion(db, t));
  return results;
}

export interface VersionSummary {
  id: number;
  name: string;
  slug: string;
  version: number;
  valid_from: string;
}

export async function listVersions(db: DB): Promise<VersionSummary[]> {
  return db
    .selectFrom("leerlijn_versions as v")
    .innerJoin("leerlijnen as l", "l.id", "v.leerlijn_id")
    .select(["v.id", "l.name", "l.slug", "v.version", "v.valid_from"])
    .orderBy("l.name")
    .orderBy("v.version", "desc")
    .execute();
}

export interface VersionDetail extends VersionSummary {
  definition: LeerlijnTemplate;
  trainings: { id: number; code: string; title: string; description: string; hours: number; capacity: number | null }[];
  competencies: {
    id: number;
    code: string;
    title: string;
    description: string;
    criteria: { id: number; code: string; text: string }[];
  }[];
}

export async function getVersion(db: DB, id: number): Promise<VersionDetail | undefined> {
  const v = await db
    .selectFrom("leerlijn_versions as v")
    .innerJoin("leerlijnen as l", "l.id", "v.leerlijn_id")
    .select(["v.id", "l.name", "l.slug", "v.version", "v.valid_from", "v.definition"])
    .where("v.id", "=", id)
    .executeTakeFirst();
  if (!v) return undefined;
  const trainings = await db
    .selectFrom("trainings")
    .select(["id", "code", "title", "description", "hours", "capacity"])
    .where("leerlijn_version_id", "=", id)
    .orderBy("position")
    .execute();
  const comps = await db
    .selectFrom("competencies")
    .select(["id", "code", "title", "description"])
    .where("leerlijn_version_id", "=", id)
    .orderBy("position")
    .execute();
  const crit = comps.length
    ? await db
        .selectFrom("criteria")
        .select(["id", "code", "text", "competency_id"])
        .where(
          "competency_id",
          "in",
          comps.map((c) => c.id),
        )
        .orderBy("position")
        .execute()
    : [];
  const { definition, ...summary } = v;
  return {
    ...summary,
    definition: parseLeerlijnTemplate(JSON.parse(definition)),
    trainings,
    competencies: comps.map((c) => ({
      ...c,
      criteria: crit.filter((x) => x.competency_id === c.id).map(({ id: cid, code, text }) => ({ id: cid, code, text })),
    })),
  };
}

export async function latestVersionId(db: DB): Promise<number | undefined> {
  const row = await db.selectFrom("leerlijn_versions").select("id").orderBy("valid_from", "desc").orderBy("version", "desc").limit(1).executeTakeFirst();
  return row?.id;
}

/** The leerlijn definition a cohort follows (its own version, so later versions never change it). */
export async function cohortTemplate(db: DB, cohortId: number): Promise<LeerlijnTemplate | undefined> {
  const row = await db
    .selectFrom("cohorts as c")
    .innerJoin("leerlijn_versions as v", "v.id", "c.leerlijn_version_id")
    .select("v.definition")
    .where("c.id", "=", cohortId)
    .executeTakeFirst();
  return row ? parseLeerlijnTemplate(JSON.parse(row.definition)) : undefined;
}
