import { generateInstallation, type GeneratedInfo } from "../../demo/generate";
import { CompiledQuery, type KyselyPlugin } from "kysely";
import type { DB } from "../../db/connect";
import { HELD_PAGE_SIZE, interviewCandidates, interviewOverview, interviewsFor } from "../../app/services/interviews.server";
import { cohortProgress } from "../../app/services/progress.server";
import { createTestDb, onPostgres, type TestDb } from "../support/db";
import { makeUser } from "../support/factories";
import { currentTime } from "../../app/clock.server";

/*
 * After years of use the interview overview holds hundreds of held interviews: the overview shows
 * every planned one and the held ones a page at a time, newest first, for the examiner only where
 * they assess. Two years of a small installation give more than one page.
 */
const TODAY = "2026-11-22";
let t: TestDb;
let info: GeneratedInfo;

beforeAll(async () => {
  t = await createTestDb("empty");
  info = await generateInstallation(t.db, { seed: 3, cohorts: 6, size: 8, years: 2, today: TODAY, certificatePdf: "placeholder" });
}, 120_000);
afterAll(() => t.close());

describe("the interview overview", () => {
  it("gives a coordinator every planned interview and all held ones in pages, newest first", async () => {
    const coordinator = { id: info.accounts.coordinator.id, role: "coordinator" as const };
    const all = await t.db.selectFrom("interviews").select(["id", "status"]).execute();
    const heldIds = all.filter((i) => i.status !== "gepland").map((i) => i.id);
    expect(heldIds.length).toBeGreaterThan(HELD_PAGE_SIZE);

    const first = await interviewsFor(t.db, coordinator);
    expect(first.planned.map((i) => i.id).sort()).toEqual(
      all
        .filter((i) => i.status === "gepland")
        .map((i) => i.id)
        .sort(),
    );
    expect(first.heldTotal).toBe(heldIds.length);
    expect(first.pages).toBe(Math.ceil(heldIds.length / HELD_PAGE_SIZE));
    expect(first.held).toHaveLength(HELD_PAGE_SIZE);

    // Walking the pages visits every held interview once, dates never going up.
    const seen: number[] = [];
    const dates: string[] = [];
    for (let page = 1; page <= first.pages; page++) {
      const p = await interviewsFor(t.db, coordinator, { page });
      expect(p.page).toBe(page);
      seen.push(...p.held.map((i) => i.id));
      dates.push(...p.held.map((i) => `${i.date} ${i.start_time}`));
    }
    expect(seen.sort((x, y) => x - y)).toEqual(heldIds.sort((x, y) => x - y));
    expect(dates).toEqual([...dates].sort().reverse());

    // A page past the end shows the last page; nonsense shows the first.
    expect((await interviewsFor(t.db, coordinator, { page: 999 })).page).toBe(first.pages);
    expect((await interviewsFor(t.db, coordinator, { page: -3 })).page).toBe(1);
  });

  it("gives an examiner only the interviews they assess", async () => {
    const examiner = { id: info.accounts.examiner.id, role: "examiner" as const };
    const mine = new Set(
      (await t.db.selectFrom("interview_assessors").select("interview_id").where("user_id", "=", examiner.id).execute()).map((a) => a.interview_id),
    );
    const overview = await interviewsFor(t.db, examiner);
    const listed = [...overview.planned];
    for (let page = 1; page <= overview.pages; page++) listed.push(...(await interviewsFor(t.db, examiner, { page })).held);
    expect(listed.length).toBe(mine.size);
    for (const i of listed) expect(mine.has(i.id)).toBe(true);
    expect(mine.size).toBeGreaterThan(0);
    // An examiner who assesses nothing sees nothing.
    const other = await makeUser(t.db, { role: "examiner" });
    expect(await interviewsFor(t.db, other)).toEqual({ planned: [], held: [], heldTotal: 0, page: 1, pages: 1 });
  });

  it("lists as candidates exactly the ready participants with no planned or passed interview", async () => {
    // What the engine says, per cohort, and the interviews that rule someone out, read directly.
    const cohorts = await t.db.selectFrom("cohorts").select(["id", "name"]).orderBy("start_date").execute();
    const ready: { id: number; name: string; cohort: string }[] = [];
    for (const c of cohorts) {
      for (const r of (await cohortProgress(t.db, c.id, TODAY))!.rows) {
        if (!r.left && r.eligibility.readyForInterview) ready.push({ id: r.participant.id, name: r.participant.name, cohort: c.name });
      }
    }
    const interviews = await t.db.selectFrom("interviews").select(["participant_id", "status", "outcome", "superseded_at"]).execute();
    const busy = (id: number) =>
      interviews.some(
        (i) => i.participant_id === id && (i.status === "gepland" || (i.status === "afgerond" && i.outcome === "geslaagd" && i.superseded_at === null)),
      );
    const expected = ready.filter((r) => !busy(r.id));
    // The generated history has both kinds: ready people still waiting, and ready people already seen.
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(ready.length);
    expect(await interviewCandidates(t.db, TODAY)).toEqual(expected);

    // Planning an interview for one of them takes them off the list.
    const first = expected[0];
    const enrolment = await t.db
      .selectFrom("enrolments")
      .innerJoin("cohorts as c", "c.id", "enrolments.cohort_id")
      .select(["enrolments.cohort_id", "c.leerlijn_version_id"])
      .where("participant_id", "=", first.id)
      .executeTakeFirstOrThrow();
    const stamp = currentTime().toISOString();
    await t.db
      .insertInto("interviews")
      .values({
        participant_id: first.id,
        cohort_id: enrolment.cohort_id,
        leerlijn_version_id: enrolment.leerlijn_version_id,
        date: TODAY,
        start_time: "10:00",
        status: "gepland",
        created_at: stamp,
        updated_at: stamp,
      })
      .execute();
    expect(await interviewCandidates(t.db, TODAY)).toEqual(expected.slice(1));

    // Held and passed: still off the list, now because the engine says the interview is met.
    // (The ready list per cohort is kept while the cohort's progress is unchanged; this checks
    // that a change in the cohort gives a fresh one.)
    await t.db
      .updateTable("interviews")
      .set({ status: "afgerond", outcome: "geslaagd", finalised_at: stamp })
      .where("participant_id", "=", first.id)
      .where("status", "=", "gepland")
      .execute();
    expect(await interviewCandidates(t.db, TODAY)).toEqual(expected.slice(1));
    // A correction that supersedes that interview puts them back on the list.
    await t.db.updateTable("interviews").set({ superseded_at: stamp }).where("participant_id", "=", first.id).where("finalised_at", "=", stamp).execute();
    expect(await interviewCandidates(t.db, TODAY)).toEqual(expected);
  });
});

/**
 * Issue 26: the examiner home must not read every past interview to show one page of them (at five
 * times the data it fell from 231 to 164 requests/s). The same page on five times the history makes
 * the same queries and gets the same rows back, and no query sorts the history (no temporary
 * b-tree) or scans a table whole: it walks the index in the order shown and stops after the page.
 */
describe("the examiner home with five times the history", () => {
  /** A handle that counts queries and the rows they return, and keeps their compiled SQL. */
  function traced() {
    const seen = { queries: 0, rows: 0, compiled: [] as CompiledQuery[] };
    const plugin: KyselyPlugin = {
      transformQuery: (args) => {
        seen.compiled.push(t.db.getExecutor().compileQuery(args.node, args.queryId));
        return args.node;
      },
      transformResult: async (args) => {
        seen.queries += 1;
        seen.rows += args.result.rows.length;
        return args.result;
      },
    };
    return { db: t.db.withPlugin(plugin) as DB, seen };
  }

  async function plans(compiled: CompiledQuery[]): Promise<string[]> {
    const out: string[] = [];
    for (const c of compiled) {
      const plan = await t.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${c.sql}`, [...c.parameters]));
      out.push(plan.rows.map((r) => r.detail).join(" | "));
    }
    return out;
  }

  it("makes the same queries for the same rows, and never sorts or scans the whole history", async () => {
    const examiner = { id: info.accounts.examiner.id, role: "examiner" as const };
    const overview = (db: DB) => interviewOverview(db, examiner, { page: 1, today: TODAY, withObjections: false });
    const page = (db: DB) => interviewsFor(db, examiner, { page: 1 });
    const a = traced();
    const before = await overview(a.db);
    const p = traced();
    await page(p.db);
    const plansBefore = onPostgres ? [] : await plans(p.seen.compiled);
    expect(before.interviews.held).toHaveLength(HELD_PAGE_SIZE);

    // Four more copies of every held interview this examiner assessed, each a year further back.
    const held = await t.db
      .selectFrom("interviews as i")
      .innerJoin("interview_assessors as a", "a.interview_id", "i.id")
      .selectAll("i")
      .where("a.user_id", "=", examiner.id)
      .where("i.status", "=", "afgerond")
      .execute();
    for (let back = 1; back <= 4; back++) {
      for (const i of held) {
        const { id, corrects_id, superseded_at, ...rest } = i;
        void id;
        void corrects_id;
        void superseded_at;
        const copy = await t.db
          .insertInto("interviews")
          .values({ ...rest, date: `${Number(i.date.slice(0, 4)) - 3 - back}${i.date.slice(4)}` })
          .returning("id")
          .executeTakeFirstOrThrow();
        await t.db.insertInto("interview_assessors").values({ interview_id: copy.id, user_id: examiner.id }).execute();
      }
    }

    const b = traced();
    const after = await overview(b.db);
    const q = traced();
    await page(q.db);
    expect(b.seen.queries).toBe(a.seen.queries);
    // The rows of the interview list itself (the candidates' progress, computed once per change of
    // a cohort and then cached, reads the participants' own interviews).
    expect(q.seen.queries).toBe(p.seen.queries);
    expect(q.seen.rows).toBe(p.seen.rows);
    expect(after.interviews.heldTotal).toBe(before.interviews.heldTotal + 4 * held.length);
    // The newest page is unchanged: the copies are all older.
    expect(after.interviews.held).toEqual(before.interviews.held);

    if (!onPostgres) {
      const plansAfter = await plans(q.seen.compiled);
      for (const plan of [...plansBefore, ...plansAfter]) {
        expect(plan).not.toMatch(/TEMP B-TREE/);
        expect(plan).not.toMatch(/\bSCAN\b/);
      }
    }
  });
});
