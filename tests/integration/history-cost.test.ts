import { CompiledQuery, type KyselyPlugin } from "kysely";
import { generateInstallation, type GeneratedInfo } from "../../demo/generate";
import type { DB } from "../../db/connect";
import { CANDIDATES_PAGE_SIZE, interviewCandidates, interviewCandidatesPage, interviewOverview } from "../../app/services/interviews.server";
import { overviewEpoch } from "../../app/services/overview-cache.server";
import { REPORT_PAGE_SIZE, defaultReportYear, reportsOverview, reportsOverviewPage } from "../../app/services/reports.server";
import { createTestDb, onPostgres, type TestDb } from "../support/db";
import { currentTime } from "../../app/clock.server";

/*
 * Issue 26, "cost does not grow with history": the examiner home (interview candidates) and the
 * coordinator's report must cost the same on five times the history. Two installations with the
 * same cohorts per year: two years of four cohorts, and ten years of twenty. Once worked out, a
 * request makes the same queries for the same rows on both (it reads the overview epoch, one row,
 * migration 0021), and the pages show at most one page of candidates or cohorts. Every change in
 * any cohort or certificate moves the epoch, so nothing stale is ever shown.
 */
const TODAY = "2026-11-22";
const YEAR = defaultReportYear(TODAY);
let small: TestDb;
let large: TestDb;
let info: { small: GeneratedInfo; large: GeneratedInfo };

beforeAll(async () => {
  small = await createTestDb("empty");
  large = await createTestDb("empty");
  info = {
    small: await generateInstallation(small.db, { seed: 7, cohorts: 4, size: 6, years: 2, today: TODAY, certificatePdf: "placeholder" }),
    large: await generateInstallation(large.db, { seed: 7, cohorts: 20, size: 6, years: 10, today: TODAY, certificatePdf: "placeholder" }),
  };
}, 240_000);
afterAll(async () => {
  await small?.close();
  await large?.close();
});

/** A handle that counts queries and the rows they return, and keeps their compiled SQL. */
function traced(db: DB) {
  const seen = { queries: 0, rows: 0, compiled: [] as CompiledQuery[] };
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      seen.compiled.push(db.getExecutor().compileQuery(args.node, args.queryId));
      return args.node;
    },
    transformResult: async (args) => {
      seen.queries += 1;
      seen.rows += args.result.rows.length;
      return args.result;
    },
  };
  return { db: db.withPlugin(plugin) as DB, seen };
}

/** SQLite only: the query plans of the queries made (no whole-table scan, no sort). */
async function plans(db: DB, compiled: CompiledQuery[]): Promise<string[]> {
  const out: string[] = [];
  for (const c of compiled) {
    const plan = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${c.sql}`, [...c.parameters]));
    out.push(plan.rows.map((r) => r.detail).join(" | "));
  }
  return out;
}

/** Queries, rows and plans of one call, after a first call has worked the overview out. */
async function steadyCost(db: DB, call: (db: DB) => Promise<unknown>) {
  await call(db);
  const tr = traced(db);
  await call(tr.db);
  return { queries: tr.seen.queries, rows: tr.seen.rows, plans: onPostgres ? [] : await plans(db, tr.seen.compiled) };
}

describe("five times the history", () => {
  it("has five times the cohorts and more candidates, but the same cohorts in the current year", async () => {
    const cohorts = async (db: DB) => (await db.selectFrom("cohorts").select("id").execute()).length;
    expect(await cohorts(large.db)).toBe(5 * (await cohorts(small.db)));
    expect((await interviewCandidates(large.db, TODAY)).length).toBeGreaterThanOrEqual((await interviewCandidates(small.db, TODAY)).length);
    expect((await reportsOverview(large.db, TODAY, "alle")).rows).toHaveLength(5 * (await reportsOverview(small.db, TODAY, "alle")).rows.length);
  });

  it("the interview candidates: the same queries for the same rows, and no scan", async () => {
    const calls = {
      all: (db: DB) => interviewCandidates(db, TODAY),
      page: (db: DB) => interviewCandidatesPage(db, TODAY, 1),
    };
    for (const call of Object.values(calls)) {
      const a = await steadyCost(small.db, call);
      const b = await steadyCost(large.db, call);
      expect(b.queries).toBe(a.queries);
      expect(b.rows).toBe(a.rows);
      // One row: the overview epoch (before, every cohort and its progress version were read).
      expect(b.rows).toBe(1);
      for (const plan of [...a.plans, ...b.plans]) {
        expect(plan).not.toMatch(/TEMP B-TREE/);
        expect(plan).not.toMatch(/\bSCAN\b/);
      }
    }
  });

  it("the examiner home makes the same queries on both, and its candidates take the same rows", async () => {
    const examiner = (i: GeneratedInfo) => ({ id: i.accounts.examiner.id, role: "examiner" as const });
    const home = (i: GeneratedInfo) => (db: DB) => interviewOverview(db, examiner(i), { page: 1, candidatesPage: 1, today: TODAY, withObjections: false });
    const a = await steadyCost(small.db, home(info.small));
    const b = await steadyCost(large.db, home(info.large));
    expect(b.queries).toBe(a.queries);
    const shown = await home(info.large)(large.db);
    expect(shown.candidates.rows.length).toBeLessThanOrEqual(CANDIDATES_PAGE_SIZE);
  });

  it("the coordinator report: the same queries for the same rows, a year or all years, and no scan", async () => {
    for (const year of [YEAR, "alle"] as const) {
      for (const call of [(db: DB) => reportsOverview(db, TODAY, year), (db: DB) => reportsOverviewPage(db, TODAY, year, 1)]) {
        const a = await steadyCost(small.db, call);
        const b = await steadyCost(large.db, call);
        expect(b.queries).toBe(a.queries);
        expect(b.rows).toBe(a.rows);
        expect(b.rows).toBe(1);
        for (const plan of [...a.plans, ...b.plans]) {
          expect(plan).not.toMatch(/TEMP B-TREE/);
          expect(plan).not.toMatch(/\bSCAN\b/);
        }
      }
    }
    // The page shows one page of cohorts; the totals are those of every cohort.
    const all = await reportsOverview(large.db, TODAY, "alle");
    const first = await reportsOverviewPage(large.db, TODAY, "alle", 1);
    expect(all.rows.length).toBeGreaterThan(REPORT_PAGE_SIZE);
    expect(first.rows).toEqual(all.rows.slice(0, REPORT_PAGE_SIZE));
    expect(first.totals).toEqual(all.totals);
    expect(first.cohortsTotal).toBe(all.rows.length);
    expect(first.cohortChoices.map((c) => c.id)).toEqual(all.rows.map((r) => r.cohort.id));
    const seen: number[] = [];
    for (let page = 1; page <= first.pages; page++) seen.push(...(await reportsOverviewPage(large.db, TODAY, "alle", page)).rows.map((r) => r.cohort.id));
    expect(seen).toEqual(all.rows.map((r) => r.cohort.id));
    expect((await reportsOverviewPage(large.db, TODAY, "alle", 999)).page).toBe(first.pages);
    expect((await reportsOverviewPage(large.db, TODAY, "alle", -2)).page).toBe(1);
  });
});

describe("what is kept is never stale", () => {
  it("the candidates follow a planned interview, a changed name and a superseded interview; the pages hold every candidate once, newest cohorts first", async () => {
    const db = large.db;
    const before = await interviewCandidates(db, TODAY);
    // Superseding every passed interview puts those people back on the list: more than a page.
    const stamp = currentTime().toISOString();
    const passed = await db
      .selectFrom("interviews")
      .select(["id", "participant_id"])
      .where("outcome", "=", "geslaagd")
      .where("superseded_at", "is", null)
      .execute();
    await db
      .updateTable("interviews")
      .set({ superseded_at: stamp })
      .where(
        "id",
        "in",
        passed.map((p) => p.id),
      )
      .execute();
    const after = await interviewCandidates(db, TODAY);
    expect(after.length).toBeGreaterThan(before.length);
    expect(after.length).toBeGreaterThan(CANDIDATES_PAGE_SIZE);
    for (const p of passed.slice(0, 5)) expect(after.map((c) => c.id)).toContain(p.participant_id);

    // The pages: every candidate once, the newest cohorts first (the full list's cohorts reversed).
    const first = await interviewCandidatesPage(db, TODAY, 1);
    expect(first.total).toBe(after.length);
    expect(first.rows).toHaveLength(CANDIDATES_PAGE_SIZE);
    const walked: { id: number; cohort: string }[] = [];
    for (let page = 1; page <= first.pages; page++) walked.push(...(await interviewCandidatesPage(db, TODAY, page)).rows);
    expect(walked.map((c) => c.id).sort((x, y) => x - y)).toEqual(after.map((c) => c.id).sort((x, y) => x - y));
    const cohortOrder = (list: { cohort: string }[]) => list.map((c) => c.cohort).filter((c, i, all) => all.indexOf(c) === i);
    expect(cohortOrder(walked)).toEqual(cohortOrder(after).reverse());
    expect((await interviewCandidatesPage(db, TODAY, 999)).page).toBe(first.pages);

    // A new name shows at once.
    const someone = after[0];
    await db.updateTable("users").set({ name: "Nieuwe Naam" }).where("id", "=", someone.id).execute();
    expect((await interviewCandidates(db, TODAY)).find((c) => c.id === someone.id)?.name).toBe("Nieuwe Naam");
    // Planning an interview takes them off.
    const enrolment = await db
      .selectFrom("enrolments as e")
      .innerJoin("cohorts as c", "c.id", "e.cohort_id")
      .select(["e.cohort_id", "c.leerlijn_version_id"])
      .where("e.participant_id", "=", someone.id)
      .executeTakeFirstOrThrow();
    await db
      .insertInto("interviews")
      .values({
        participant_id: someone.id,
        cohort_id: enrolment.cohort_id,
        leerlijn_version_id: enrolment.leerlijn_version_id,
        date: TODAY,
        start_time: "10:00",
        status: "gepland",
        created_at: stamp,
        updated_at: stamp,
      })
      .execute();
    expect((await interviewCandidates(db, TODAY)).map((c) => c.id)).not.toContain(someone.id);
    expect((await interviewCandidatesPage(db, TODAY, 1)).total).toBe(after.length - 1);
  });

  it("the report follows a revoked certificate and a changed attendance, and a new day", async () => {
    const db = small.db;
    const before = await reportsOverview(db, TODAY, "alle");
    const cert = await db
      .selectFrom("certificates")
      .select(["id", "cohort_id", "participant_id"])
      .where("revoked_at", "is", null)
      .where("superseded_by_id", "is", null)
      .executeTakeFirstOrThrow();
    const others = await db
      .selectFrom("certificates")
      .select("id")
      .where("participant_id", "=", cert.participant_id)
      .where("cohort_id", "=", cert.cohort_id)
      .where("revoked_at", "is", null)
      .where("superseded_by_id", "is", null)
      .execute();
    expect(others).toHaveLength(1);
    await db.updateTable("certificates").set({ revoked_at: currentTime().toISOString(), revoke_reason: "test" }).where("id", "=", cert.id).execute();
    const after = await reportsOverview(db, TODAY, "alle");
    expect(after.totals.certified).toBe(before.totals.certified - 1);
    expect(after.rows.find((r) => r.cohort.id === cert.cohort_id)!.counts.certified).toBe(
      before.rows.find((r) => r.cohort.id === cert.cohort_id)!.counts.certified - 1,
    );

    // A meeting of the running cohort cancelled: the hours delivered change.
    const running = info.small.runningCohortId;
    const held = await db
      .selectFrom("course_sessions")
      .select(["id"])
      .where("cohort_id", "=", running)
      .where("status", "<>", "cancelled")
      .where("date", "<", TODAY)
      .orderBy("date")
      .executeTakeFirstOrThrow();
    const deliveredBefore = after.rows.find((r) => r.cohort.id === running)!.delivered.total;
    await db.updateTable("course_sessions").set({ status: "cancelled" }).where("id", "=", held.id).execute();
    const cancelled = await reportsOverview(db, TODAY, "alle");
    expect(cancelled.rows.find((r) => r.cohort.id === running)!.delivered.total).toBeLessThan(deliveredBefore);

    // Another day is worked out anew (what is kept is per day).
    const tomorrow = await reportsOverview(db, "2026-11-23", "alle");
    expect(tomorrow).not.toBe(cancelled);
  });

  it("the epoch moves with every change in a transaction, and only then", async () => {
    const db = small.db;
    const start = await overviewEpoch(db);
    expect(await overviewEpoch(db)).toBe(start);
    // Reading changes nothing; an audit line (no cohort's progress) moves nothing.
    await reportsOverview(db, TODAY, YEAR);
    expect(await overviewEpoch(db)).toBe(start);
    const meeting = await db
      .selectFrom("course_sessions")
      .select(["id", "cohort_id"])
      .where("cohort_id", "=", info.small.runningCohortId)
      .executeTakeFirstOrThrow();
    await db.transaction().execute(async (trx) => {
      await trx.updateTable("course_sessions").set({ location: "Elders" }).where("id", "=", meeting.id).execute();
      await trx.updateTable("course_sessions").set({ location: "Weer elders" }).where("id", "=", meeting.id).execute();
    });
    const moved = await overviewEpoch(db);
    expect(BigInt(moved)).toBeGreaterThan(BigInt(start));
    // On PostgreSQL it moves once per transaction, at its commit.
    if (onPostgres) expect(BigInt(moved)).toBe(BigInt(start) + 1n);
  });
});
