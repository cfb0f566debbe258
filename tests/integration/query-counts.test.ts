import type { KyselyPlugin } from "kysely";
import type { DB } from "../../db/connect";
import { DEMO_COHORT } from "../../demo/seed";
import { amsterdamDay } from "../../app/rules/amsterdam";
import { cohortAssignmentOverview, participantAssignments } from "../../app/services/assignments.server";
import { interviewCandidates } from "../../app/services/interviews.server";
import { cohortProgress } from "../../app/services/progress.server";
import { cohortReport, defaultReportYear, reportsOverview } from "../../app/services/reports.server";
import { createTestDb, type TestDb } from "../support/db";
import { createMeeting } from "../../app/services/schedule.server";
import { cohortByName, makeUser, userByEmail } from "../support/factories";
import { currentTime } from "../../app/clock.server";

/**
 * Issue 9: no page's query count grows with the number of participants (or cohorts). Each figure
 * is counted on a fresh handle (cold: nothing cached) and again on the same handle (warm), then
 * the installation grows (more people in a cohort, a whole new cohort) and the counts must stay.
 */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(() => t.close());

const TODAY = amsterdamDay(currentTime());

/** A handle on the same database that counts the queries it executes (not the subqueries it builds). */
function counting(db: DB) {
  const counter = { n: 0 };
  const plugin: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      counter.n += 1;
      return args.result;
    },
  };
  return { db: db.withPlugin(plugin), counter };
}

async function queriesOf(work: (db: DB) => Promise<unknown>): Promise<{ cold: number; warm: number }> {
  const { db, counter } = counting(t.db);
  await work(db);
  const cold = counter.n;
  counter.n = 0;
  await work(db);
  return { cold, warm: counter.n };
}

/** Adds `n` participants to a cohort with a record for every past lesson, practice hours and a POP. */
async function grow(cohortId: number, n: number): Promise<void> {
  const lessons = await t.db
    .selectFrom("course_sessions")
    .select(["id", "date"])
    .where("cohort_id", "=", cohortId)
    .where("type", "=", "les")
    .where("date", "<=", TODAY)
    .execute();
  const stamp = currentTime().toISOString();
  for (let i = 0; i < n; i++) {
    const p = await makeUser(t.db, { name: `Groei ${cohortId}-${i}` });
    await t.db.insertInto("enrolments").values({ cohort_id: cohortId, participant_id: p.id, enrolled_at: "2020-01-01T00:00:00.000Z" }).execute();
    if (lessons.length > 0) {
      await t.db
        .insertInto("attendance")
        .values(
          lessons.map((s) => ({
            session_id: s.id,
            participant_id: p.id,
            status: i % 3 === 0 ? ("afwezig" as const) : ("aanwezig" as const),
            minutes_missed: 0,
            active: 1,
            note: null,
            recorded_by: null,
            recorded_at: stamp,
          })),
        )
        .execute();
    }
    await t.db
      .insertInto("practice_entries")
      .values({
        participant_id: p.id,
        date: TODAY,
        minutes: 90,
        activity: "huisbezoek",
        description: "Huisbezoek",
        reflection: "Goed gegaan.",
        status: "bevestigd",
        created_at: stamp,
        updated_at: stamp,
      })
      .execute();
    await t.db.insertInto("pops").values({ participant_id: p.id, status: "concept", current_version: 0, created_at: stamp, updated_at: stamp }).execute();
  }
}

describe("query counts stay fixed as the installation grows", () => {
  it("the cohort overview, a cohort report, the reports overview and the interview candidates", async () => {
    const cohort = await cohortByName(t.db, DEMO_COHORT);
    const pages = {
      overview: (db: DB) => cohortProgress(db, cohort.id, TODAY),
      cohortReport: (db: DB) => cohortReport(db, cohort.id, TODAY),
      reports: (db: DB) => reportsOverview(db, TODAY, "alle"),
      reportsOneYear: (db: DB) => reportsOverview(db, TODAY, defaultReportYear(TODAY)),
      candidates: (db: DB) => interviewCandidates(db, TODAY),
    };
    const before: Record<string, { cold: number; warm: number }> = {};
    for (const [name, work] of Object.entries(pages)) before[name] = await queriesOf(work);
    const sizeBefore = (await cohortProgress(t.db, cohort.id, TODAY))!.rows.length;
    const reportRowsBefore = (await reportsOverview(t.db, TODAY, "alle")).rows.length;

    // Three times the people in the demo cohort, and a new cohort of 30 next to it.
    await grow(cohort.id, 2 * sizeBefore);
    const stamp = currentTime().toISOString();
    const other = await t.db
      .insertInto("cohorts")
      .values({
        name: "Groei-groep",
        leerlijn_version_id: (await t.db.selectFrom("cohorts").select("leerlijn_version_id").where("id", "=", cohort.id).executeTakeFirstOrThrow())
          .leerlijn_version_id,
        start_date: "2026-01-05",
        end_date: "2026-05-25",
        created_at: stamp,
        updated_at: stamp,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await grow(other.id, 30);

    const after: Record<string, { cold: number; warm: number }> = {};
    for (const [name, work] of Object.entries(pages)) after[name] = await queriesOf(work);
    // The growth is real: the pages now show the new people and the new cohort.
    expect((await cohortProgress(t.db, cohort.id, TODAY))!.rows).toHaveLength(3 * sizeBefore);
    expect((await reportsOverview(t.db, TODAY, "alle")).rows).toHaveLength(reportRowsBefore + 1);

    expect(after).toEqual(before);
    // Small, fixed numbers; warm pages read only the version numbers instead of the records.
    expect(before.overview.cold).toBeLessThanOrEqual(12);
    expect(before.overview.warm).toBe(1);
    expect(before.reports.cold).toBeLessThanOrEqual(15);
    expect(before.reports.warm).toBeLessThan(before.reports.cold);
    expect(before.candidates.cold).toBeLessThanOrEqual(15);
  });
});

describe("query counts stay fixed as the assignments pile up", () => {
  it("a participant's own assignments and a cohort's assignment overview", async () => {
    const cohort = await cohortByName(t.db, DEMO_COHORT);
    const participant = await userByEmail(t.db, "deelnemer2@leerlijn.test");
    const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
    const pages = {
      mine: (db: DB) => participantAssignments(db, participant, TODAY),
      overview: (db: DB) => cohortAssignmentOverview(db, trainer, cohort.id, TODAY),
    };
    const before: Record<string, { cold: number; warm: number }> = {};
    for (const [name, work] of Object.entries(pages)) before[name] = await queriesOf(work);
    const mineBefore = (await participantAssignments(t.db, participant, TODAY)).length;
    const meetingsBefore = (await cohortAssignmentOverview(t.db, trainer, cohort.id, TODAY))!.meetings.length;

    // Five more lessons in the past weeks, each with an oefenopdracht nobody has answered yet.
    for (let i = 1; i <= 5; i++) {
      const date = new Date(Date.parse(`${TODAY}T12:00:00Z`) - i * 86_400_000).toISOString().slice(0, 10);
      await createMeeting(
        t.db,
        cohort.id,
        {
          type: "les",
          title: `Extra les ${i}`,
          date,
          startTime: "09:00",
          endTime: "10:00",
          location: "Vrijwilligersacademie",
          onlineUrl: null,
          trainerIds: [],
          trainingId: null,
          intervisieGroupId: null,
          programme: [],
          assignment: `Opdracht ${i}`,
        },
        trainer,
      );
    }

    const after: Record<string, { cold: number; warm: number }> = {};
    for (const [name, work] of Object.entries(pages)) after[name] = await queriesOf(work);
    // The growth is real: five more assignments for the participant and five more meetings to follow up.
    expect(await participantAssignments(t.db, participant, TODAY)).toHaveLength(mineBefore + 5);
    expect((await cohortAssignmentOverview(t.db, trainer, cohort.id, TODAY))!.meetings).toHaveLength(meetingsBefore + 5);
    expect(after).toEqual(before);
    expect(before.mine.cold).toBeLessThanOrEqual(6);
  });
});
