/**
 * Issue 29, point 9: coming back after a break. A person who left a cohort (uitstroom) can be
 * enrolled in a later one; never in two cohorts at once; everything that asks for "the" enrolment of
 * a participant gets the current one; the earlier enrolment and its outflow stay in the reports.
 * Against the real demo database, through the real services.
 */
import { sql } from "kysely";
import { DEMO_COHORT, DEMO_COHORT_2, DEMO_COHORT_FINISHED, DEMO_RETURNING } from "../../demo/seed";
import { enrolParticipant, returningParticipants } from "../../app/services/cohorts.server";
import { currentEnrolment } from "../../app/services/enrolment.server";
import { getParticipantForViewer } from "../../app/services/participants.server";
import { cohortProgress, participantProgressWithRules, recordOutflow, undoOutflow } from "../../app/services/progress.server";
import { reportsOverview } from "../../app/services/reports.server";
import { listPeople } from "../../app/services/users.server";
import { createTestDb, type TestDb } from "../support/db";
import { cohortByName, userByEmail } from "../support/factories";
import { TODAY } from "../support/clock";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(() => t.close());

/**
 * The participant who left the finished demo cohort (uitstroom) and did not come back: not the
 * demo's returning participant (DEMO_RETURNING), who is in the running cohort already.
 */
async function leaver() {
  const finished = await cohortByName(t.db, DEMO_COHORT_FINISHED);
  const returning = await userByEmail(t.db, DEMO_RETURNING.email);
  const row = await t.db
    .selectFrom("enrolments")
    .select(["participant_id", "left_on", "left_reason"])
    .where("cohort_id", "=", finished.id)
    .where("left_on", "is not", null)
    .where("participant_id", "!=", returning.id)
    .executeTakeFirstOrThrow();
  return { finished, participantId: row.participant_id, leftOn: row.left_on!, reason: row.left_reason! };
}

describe("coming back after a break", () => {
  it("does not enrol someone who is still in a cohort", async () => {
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const p1 = await userByEmail(t.db, "deelnemer1@leerlijn.test");
    const later = await cohortByName(t.db, DEMO_COHORT_2);
    await expect(enrolParticipant(t.db, later.id, p1.id, coordinator)).rejects.toMatchObject({ messageKey: "cohort.inOtherCohort" });
    const rows = await t.db.selectFrom("enrolments").select("cohort_id").where("participant_id", "=", p1.id).execute();
    expect(rows).toHaveLength(1);
  });

  it("enrols someone who left in a later cohort; the current enrolment is the new one everywhere", async () => {
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const { finished, participantId, leftOn } = await leaver();
    const later = await cohortByName(t.db, DEMO_COHORT_2);

    // Not back into the cohort they left (that is "undo the uitstroom"), but into a later one.
    await expect(enrolParticipant(t.db, finished.id, participantId, coordinator)).rejects.toMatchObject({ messageKey: "cohort.alreadyMember" });
    // The coordinator's cohort page offers them for a later cohort ("inschrijven in een latere groep"), not for the one they left.
    expect((await returningParticipants(t.db, later.id)).map((r) => [r.id, r.leftCohort, r.leftOn])).toEqual([[participantId, DEMO_COHORT_FINISHED, leftOn]]);
    expect(await returningParticipants(t.db, finished.id)).toEqual([]);
    await enrolParticipant(t.db, later.id, participantId, coordinator);
    expect(await returningParticipants(t.db, later.id)).toEqual([]);

    const enrolments = await t.db.selectFrom("enrolments").select(["cohort_id", "left_on"]).where("participant_id", "=", participantId).orderBy("id").execute();
    expect(enrolments).toEqual([
      { cohort_id: finished.id, left_on: leftOn },
      { cohort_id: later.id, left_on: null },
    ]);
    expect((await currentEnrolment(t.db, participantId))?.cohort_id).toBe(later.id);

    // The engine judges them in the later cohort, where they are not "left".
    const judged = (await participantProgressWithRules(t.db, participantId, TODAY))!;
    expect(judged.row.left).toBeNull();
    expect((await cohortProgress(t.db, later.id, TODAY))!.rows.map((r) => r.participant.id)).toContain(participantId);
    // Their profile shows the later cohort; the people list has them once, with the later cohort.
    const profile = (await getParticipantForViewer(t.db, coordinator, participantId))!;
    expect(profile.cohort?.name).toBe(DEMO_COHORT_2);
    const people = (await listPeople(t.db, { role: "participant" })).filter((p) => p.id === participantId);
    expect(people).toEqual([expect.objectContaining({ cohort_name: DEMO_COHORT_2 })]);
    // The trainer of the earlier cohort still finds them (their history is there), and so does the new one.
    for (const email of ["trainer@leerlijn.test", "trainer2@leerlijn.test"]) {
      const trainer = await userByEmail(t.db, email);
      expect(await getParticipantForViewer(t.db, trainer, participantId)).toBeDefined();
    }

    // Never two open enrolments: not through the service, not by undoing the old uitstroom, not in the database.
    const other = await cohortByName(t.db, DEMO_COHORT);
    await expect(enrolParticipant(t.db, other.id, participantId, coordinator)).rejects.toMatchObject({ messageKey: "cohort.inOtherCohort" });
    await expect(undoOutflow(t.db, coordinator, finished.id, participantId)).rejects.toMatchObject({ messageKey: "outflow.notMember" });
    const direct = await t.db
      .insertInto("enrolments")
      .values({ cohort_id: other.id, participant_id: participantId, enrolled_at: "2026-11-18T09:00:00.000Z" })
      .execute()
      .then(
        () => "inserted",
        (e: Error) => e.message,
      );
    expect(direct).toMatch(/unique/i);
    const open = await t.db
      .selectFrom("enrolments")
      .select(sql<number>`count(*)`.as("n"))
      .where("participant_id", "=", participantId)
      .where("left_on", "is", null)
      .executeTakeFirstOrThrow();
    expect(Number(open.n)).toBe(1);

    // The audit log has the enrolment.
    const audit = await t.db.selectFrom("audit_log").select("details").where("action", "=", "cohort.enrol").where("target_id", "=", String(later.id)).execute();
    expect(audit.some((a) => JSON.parse(a.details ?? "{}").participantId === participantId)).toBe(true);
  });

  it("carries over the earlier cohort's hours within 24 months, counted once and shown with their source", async () => {
    const { finished, participantId, leftOn } = await leaver();
    const earlierRow = (await cohortProgress(t.db, finished.id, TODAY))!.rows.find((r) => r.participant.id === participantId)!;
    const confirmed = await t.db
      .selectFrom("practice_entries")
      .select(["date", "minutes"])
      .where("participant_id", "=", participantId)
      .where("status", "=", "bevestigd")
      .execute();
    const practiceBefore = confirmed.filter((e) => e.date <= leftOn).reduce((a, e) => a + e.minutes, 0);
    // The demo's leaver did attend and practise before leaving: something to carry over.
    expect(earlierRow.facts.learningHours).toBeGreaterThan(0);
    expect(practiceBefore).toBeGreaterThan(0);

    const row = (await participantProgressWithRules(t.db, participantId, TODAY))!.row;
    expect(row.carriedOver).toEqual([
      {
        cohortId: finished.id,
        cohortName: DEMO_COHORT_FINISHED,
        learningHours: earlierRow.facts.learningHours,
        practiceConfirmedMinutes: practiceBefore,
        approvedPop: false,
      },
    ]);
    // Counted once: the hours requirement is the later cohort's own hours plus the carried ones (not twice),
    // and the later row's own figures do not hold the earlier hours.
    const figure = (code: string, unit: string) => row.eligibility.requirements.find((r) => r.code === code)!.figures.find((f) => f.unit === unit)!.value;
    expect(figure("aanwezigheid", "hours")).toBeCloseTo(row.facts.learningHours + earlierRow.facts.learningHours, 2);
    expect(figure("praktijk", "hours")).toBeCloseTo((row.facts.practiceConfirmedMinutes + practiceBefore) / 60, 2);
    expect(row.facts.practiceConfirmedMinutes + earlierRow.facts.practiceConfirmedMinutes).toBeLessThanOrEqual(confirmed.reduce((a, e) => a + e.minutes, 0));
    // The earlier cohort's row keeps only what happened up to the day they left.
    const again = (await cohortProgress(t.db, finished.id, TODAY))!.rows.find((r) => r.participant.id === participantId)!;
    expect(again.facts.practiceConfirmedMinutes).toBe(practiceBefore);
    expect(again.carriedOver).toEqual([]);
  });

  it("can leave the later cohort too, and then come back again", async () => {
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const trainer2 = await userByEmail(t.db, "trainer2@leerlijn.test");
    const { participantId } = await leaver();
    const later = await cohortByName(t.db, DEMO_COHORT_2);
    await recordOutflow(t.db, trainer2, later.id, participantId, { leftOn: "2027-03-01", reason: "persoonlijk", note: null });
    // Left both: the current enrolment is the newest (they are judged in the cohort they left last).
    expect((await currentEnrolment(t.db, participantId))?.cohort_id).toBe(later.id);
    // Undoing the newest uitstroom is allowed again (nothing else is open).
    await undoOutflow(t.db, coordinator, later.id, participantId);
    expect((await currentEnrolment(t.db, participantId))?.left_on).toBeNull();
  });

  it("reports count the person who came back once, and keep the earlier uitstroom", async () => {
    const { finished, participantId, reason } = await leaver();
    const later = await cohortByName(t.db, DEMO_COHORT_2);
    const overview = await reportsOverview(t.db, TODAY, "alle");
    const rowOf = (id: number) => overview.rows.find((r) => r.cohort.id === id)!;
    // Each cohort's row still has them: the earlier one as left (with the outflow), the later one as active.
    // (The finished cohort: 6, of whom 2 left: this one, and the demo's returning participant.)
    expect(rowOf(finished.id).counts).toMatchObject({ participants: 6, left: 2 });
    expect(rowOf(later.id).counts).toMatchObject({ participants: 3, active: 3, left: 0 });
    const earlier = (await cohortProgress(t.db, finished.id, TODAY))!.rows.find((r) => r.participant.id === participantId)!;
    expect(earlier.left?.reason).toBe(reason);
    // The totals count people: each person who came back once, not twice (this one, and the demo's
    // returning participant).
    const people = new Set((await t.db.selectFrom("enrolments").select("participant_id").execute()).map((e) => e.participant_id));
    const enrolments = overview.rows.reduce((a, r) => a + r.counts.participants, 0);
    expect(overview.totals.participants).toBe(people.size);
    expect(overview.totals.participants).toBe(enrolments - 2);
    expect(overview.totals.returning).toBe(2);
  });
});

describe("coming back after more than the carry-over months", () => {
  let t2: TestDb;
  beforeAll(async () => {
    t2 = await createTestDb("demo");
  });
  afterAll(() => t2.close());

  it("carries nothing over from an enrolment that ended more than 24 months before", async () => {
    const coordinator = await userByEmail(t2.db, "coordinator@leerlijn.test");
    const finished = await cohortByName(t2.db, DEMO_COHORT_FINISHED);
    const returning = await userByEmail(t2.db, DEMO_RETURNING.email);
    const row0 = await t2.db
      .selectFrom("enrolments")
      .select(["participant_id", "left_on"])
      .where("cohort_id", "=", finished.id)
      .where("left_on", "is not", null)
      .where("participant_id", "!=", returning.id)
      .executeTakeFirstOrThrow();
    const later = await cohortByName(t2.db, DEMO_COHORT_2);
    // Enrolled 25 months after they left.
    const [y, m] = row0.left_on!.split("-").map(Number) as [number, number];
    const back = new Date(Date.UTC(y + 2, m, 15, 9));
    await enrolParticipant(t2.db, later.id, row0.participant_id, coordinator, back);
    const row = (await participantProgressWithRules(t2.db, row0.participant_id, TODAY))!.row;
    expect(row.left).toBeNull();
    expect(row.carriedOver).toEqual([]);
  });
});
