import { sql } from "kysely";
import { DEMO_COHORT } from "../../demo/seed";
import { amsterdamDay } from "../../app/rules/amsterdam";
import { PROGRESS_SOURCES } from "../../db/migrations/0011_progress_versions";
import { saveAttendance } from "../../app/services/attendance.server";
import { decideByTrainer, saveEntry } from "../../app/services/practice.server";
import { cohortProgress, recordOutflow } from "../../app/services/progress.server";
import { getMeeting } from "../../app/services/schedule.server";
import { createTestDb, type TestDb } from "../support/db";
import { cohortByName, userByEmail } from "../support/factories";
import { currentTime } from "../../app/clock.server";

/**
 * A cohort's progress is cached per version; database triggers move the version on every change
 * to what the progress engine reads. These tests check each trigger and that the cached figures
 * always equal a fresh computation after a change through the services.
 */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(() => t.close());

const TODAY = amsterdamDay(currentTime());

async function versionOf(cohortId: number): Promise<number> {
  return (await t.db.selectFrom("progress_versions").select("version").where("cohort_id", "=", cohortId).executeTakeFirstOrThrow()).version;
}

/** The same cohort computed without the cache (a participant filter always computes). */
async function uncached(cohortId: number) {
  const ids = (await t.db.selectFrom("enrolments").select("participant_id").where("cohort_id", "=", cohortId).execute()).map((e) => e.participant_id);
  return cohortProgress(t.db, cohortId, TODAY, { participantIds: ids });
}

describe("the progress cache", () => {
  it.each(Object.keys(PROGRESS_SOURCES))("a change in %s moves the version of the cohort it belongs to, and only of that cohort", async (table) => {
    const rule = PROGRESS_SOURCES[table](table);
    // A cohort that owns rows of this table (the demo cohort when it does), and one that shares nobody with it.
    const cohorts = (await t.db.selectFrom("cohorts").select(["id", "name"]).orderBy("id").execute()).sort(
      (a, b) => Number(b.name === DEMO_COHORT) - Number(a.name === DEMO_COHORT),
    );
    let owner: number | undefined;
    for (const c of cohorts) {
      const n = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE ${c.id} IN (${sql.raw(rule)})`.execute(t.db);
      if (Number(n.rows[0].n) > 0) {
        owner = c.id;
        break;
      }
    }
    expect(owner).toBeDefined();
    const members = (await t.db.selectFrom("enrolments").select("participant_id").where("cohort_id", "=", owner!).execute()).map((e) => e.participant_id);
    // The other cohort shares nobody with it (the demo's returning participant is in two cohorts:
    // a change of hers rightly moves both).
    let other: (typeof cohorts)[number] | undefined;
    for (const c of cohorts) {
      if (c.id === owner) continue;
      const shared = await t.db
        .selectFrom("enrolments")
        .select("id")
        .where("cohort_id", "=", c.id)
        .where("participant_id", "in", members.length ? members : [0])
        .execute();
      if (shared.length === 0) {
        other = c;
        break;
      }
    }
    expect(other).toBeDefined();
    const [before, otherBefore] = [await versionOf(owner!), await versionOf(other!.id)];
    // A no-op update of every row that belongs to that cohort (by the trigger's own rule).
    const column = table === "intervisie_group_members" ? "group_id" : "id";
    const result = await sql.raw(`UPDATE ${table} SET ${column} = ${column} WHERE ${owner} IN (${rule})`).execute(t.db);
    expect(Number(result.numAffectedRows)).toBeGreaterThan(0);
    expect(await versionOf(owner!)).toBeGreaterThan(before);
    // Rows of one cohort leave the other cohort's cache alone (a curriculum version is shared by design).
    if (table !== "leerlijn_versions") expect(await versionOf(other!.id)).toBe(otherBefore);
  });

  it("serves the same figures as a fresh computation after changes through the services", async () => {
    const cohort = await cohortByName(t.db, DEMO_COHORT);
    const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
    const warm = (await cohortProgress(t.db, cohort.id, TODAY))!;
    expect(await cohortProgress(t.db, cohort.id, TODAY)).toBe(warm); // the same object: from the cache
    expect(warm).toEqual(await uncached(cohort.id));

    // Practice hours confirmed.
    const p = await userByEmail(t.db, "deelnemer3@leerlijn.test");
    const entryId = await saveEntry(
      t.db,
      p,
      { date: TODAY, hours: 300, activity: "huisbezoek", description: "Huisbezoek", reflection: "Goed geluisterd." },
      TODAY,
    );
    await decideByTrainer(t.db, trainer, p.id, [{ entryId, decision: "bevestigd", comment: null, revision: 1 }]);
    const afterPractice = (await cohortProgress(t.db, cohort.id, TODAY))!;
    expect(afterPractice).not.toBe(warm);
    expect(afterPractice).toEqual(await uncached(cohort.id));
    const row = (x: typeof warm) => x.rows.find((r) => r.participant.id === p.id)!;
    expect(row(afterPractice).facts.practiceConfirmedMinutes).toBe(row(warm).facts.practiceConfirmedMinutes + 300);

    // Attendance changed: everybody absent at the latest held lesson.
    const lesson = await t.db
      .selectFrom("course_sessions")
      .select("id")
      .where("cohort_id", "=", cohort.id)
      .where("type", "=", "les")
      .where("date", "<", TODAY)
      .orderBy("date", "desc")
      .executeTakeFirstOrThrow();
    const meeting = (await getMeeting(t.db, cohort.id, lesson.id))!;
    const records = await t.db.selectFrom("attendance").selectAll().where("session_id", "=", lesson.id).execute();
    const saved = await saveAttendance(
      t.db,
      meeting,
      {
        revision: meeting.attendance_revision,
        rows: records.map((r) => ({ participantId: r.participant_id, status: "afwezig" as const, minutesMissed: 0, active: false, note: null })),
      },
      trainer,
    );
    expect(saved.status).toBe("saved");
    const afterAttendance = (await cohortProgress(t.db, cohort.id, TODAY))!;
    expect(afterAttendance).toEqual(await uncached(cohort.id));
    expect(afterAttendance.rows.map((r) => r.facts.lessonsAttended)).not.toEqual(afterPractice.rows.map((r) => r.facts.lessonsAttended));

    // Someone left the cohort.
    await recordOutflow(t.db, trainer, cohort.id, p.id, { leftOn: TODAY, reason: "werk", note: null });
    const afterOutflow = (await cohortProgress(t.db, cohort.id, TODAY))!;
    expect(row(afterOutflow).left).toMatchObject({ on: TODAY, reason: "werk" });
    expect(afterOutflow).toEqual(await uncached(cohort.id));
  });

  it("hands out figures nobody can change by accident", async () => {
    const cohort = await cohortByName(t.db, DEMO_COHORT);
    const cached = (await cohortProgress(t.db, cohort.id, TODAY))!;
    expect(() => {
      (cached.rows as unknown[]).push(null);
    }).toThrow(TypeError);
    expect(() => {
      cached.rows[0].facts.practiceConfirmedMinutes = 0;
    }).toThrow(TypeError);
  });

  it("a new day computes again (meetings become held by the date)", async () => {
    const cohort = await cohortByName(t.db, DEMO_COHORT);
    const today = (await cohortProgress(t.db, cohort.id, TODAY))!;
    const tomorrow = new Date(Date.parse(`${TODAY}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const next = (await cohortProgress(t.db, cohort.id, tomorrow))!;
    expect(next).not.toBe(today);
    expect(await cohortProgress(t.db, cohort.id, tomorrow)).toBe(next);
  });
});
