import { DEMO_COHORT } from "../../demo/seed";
import { describeMissing, FOR_PARTICIPANT } from "../../app/i18n/eligibility";
import { translate } from "../../app/i18n/translate";
import { participantAttendance } from "../../app/services/attendance.server";
import { enrolParticipant } from "../../app/services/cohorts.server";
import { decideByTrainer, practiceLog, saveEntry } from "../../app/services/practice.server";
import { cohortProgress, participantProgress, recordOutflow, undoOutflow } from "../../app/services/progress.server";
import { createTestDb, type TestDb } from "../support/db";
import { cohortByName, makeUser, userByEmail } from "../support/factories";
import { currentTime } from "../../app/clock.server";
import { amsterdamDay } from "../../app/rules/amsterdam";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(() => t.close());

const TODAY = amsterdamDay(currentTime());

describe("progress toward the certificate", () => {
  it("gives every demo participant a verdict on all five requirements, at different stages", async () => {
    const cohort = await cohortByName(t.db, DEMO_COHORT);
    const progress = (await cohortProgress(t.db, cohort.id, TODAY))!;
    // deelnemer1..12, and the demo's participant who came back after a break (deelnemer20).
    expect(progress.rows).toHaveLength(13);
    for (const row of progress.rows) expect(row.eligibility.requirements.map((r) => r.code)).toEqual(["praktijk", "aanwezigheid", "pop", "gop", "interview"]);
    const p1 = progress.rows.find((r) => r.participant.email === "deelnemer1@leerlijn.test")!;
    // deelnemer1: approved POP, near the practice target, no interview yet.
    expect(p1.eligibility.requirements.find((r) => r.code === "pop")!.met).toBe(true);
    expect(p1.eligibility.eligible).toBe(false);
    const practice = p1.eligibility.requirements.find((r) => r.code === "praktijk")!;
    expect(practice.met).toBe(false);
    expect(describeMissing("nl", practice.missing[0], FOR_PARTICIPANT)).toMatch(/^Nog [\d,]+ uur praktijk nodig \([\d,]+ van 60 uur bevestigd\)\.$/);
    // Stages differ: confirmed practice hours are spread out across the cohort.
    const hours = progress.rows.map((r) => r.facts.practiceConfirmedMinutes / 60);
    expect(Math.max(...hours) - Math.min(...hours)).toBeGreaterThan(30);
  });

  it("agrees with the participant's own pages for the whole demo cohort (one engine, one set of figures)", async () => {
    const cohort = await cohortByName(t.db, DEMO_COHORT);
    const progress = (await cohortProgress(t.db, cohort.id, TODAY))!;
    for (const row of progress.rows) {
      const own = await participantProgress(t.db, row.participant.id, TODAY);
      expect(own).toEqual(row);
      const schedule = (await participantAttendance(t.db, { id: row.participant.id }, TODAY))!;
      expect(row.facts.learningHours).toBe(schedule.summary.learningHours);
      expect(row.facts.intervisieAttended).toBe(schedule.summary.intervisieAttended);
      expect(row.facts.attendanceRate).toBe(schedule.summary.lessonsAndTrainings.rate);
      const log = await practiceLog(t.db, row.participant.id);
      // The practice log lists all of a person's entries; the row's own facts hold this enrolment's,
      // and what came from an earlier cohort is in carriedOver (the demo's returning participant:
      // all her practice was before her break, within the 24 months, so it all carries over).
      const carried = row.carriedOver.reduce((a, c) => a + c.practiceConfirmedMinutes, 0);
      expect(row.facts.practiceConfirmedMinutes + carried).toBe(log.totals.confirmedMinutes);
      expect(row.facts.practiceOpenMinutes).toBe(log.totals.openMinutes);
    }
  });

  it("follows the records: confirming practice hours moves the figures and the sentence", async () => {
    const cohort = await cohortByName(t.db, DEMO_COHORT);
    const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
    const p = await makeUser(t.db, { name: "Nieuwe Deelnemer" });
    await enrolParticipant(t.db, cohort.id, p.id, trainer);
    let row = (await participantProgress(t.db, p.id, TODAY))!;
    expect(row.eligibility.requirements[0].missing[0].params).toMatchObject({ hours: 60, done: 0 });
    expect(translate("nl", "eligibility.pop.notStarted")).toBe("Je bent nog niet begonnen aan je POP.");
    expect(row.eligibility.requirements.find((r) => r.code === "pop")!.missing[0].key).toBe("eligibility.pop.notStarted");
    const id = await saveEntry(t.db, p, { date: TODAY, hours: 450, activity: "huisbezoek", description: "Huisbezoek", reflection: "Goed geluisterd." }, TODAY);
    row = (await participantProgress(t.db, p.id, TODAY))!;
    expect(row.eligibility.requirements[0].figures[0].value).toBe(0);
    await decideByTrainer(t.db, trainer, p.id, [{ entryId: id, decision: "bevestigd", comment: null, revision: 1 }]);
    row = (await participantProgress(t.db, p.id, TODAY))!;
    expect(row.eligibility.requirements[0].figures[0].value).toBe(7.5);
    expect(describeMissing("nl", row.eligibility.requirements[0].missing[0], FOR_PARTICIPANT)).toBe("Nog 52,5 uur praktijk nodig (7,5 van 60 uur bevestigd).");
    expect(describeMissing("en", row.eligibility.requirements[0].missing[0], FOR_PARTICIPANT)).toBe("52.5 more practice hours needed (7.5 of 60 confirmed).");
  });

  it("records uitstroom: the participant keeps their history but no longer counts as at risk", async () => {
    const cohort = await cohortByName(t.db, DEMO_COHORT);
    const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
    const p12 = await userByEmail(t.db, "deelnemer12@leerlijn.test");
    await expect(recordOutflow(t.db, trainer, cohort.id, p12.id, { leftOn: "2001-01-01", reason: "werk", note: null })).rejects.toMatchObject({
      messageKey: "outflow.beforeStart",
    });
    await recordOutflow(t.db, trainer, cohort.id, p12.id, { leftOn: TODAY, reason: "gezondheid", note: null });
    const row = (await participantProgress(t.db, p12.id, TODAY))!;
    expect(row.left).toEqual({ on: TODAY, reason: "gezondheid", note: null });
    expect(row.eligibility.atRisk).toBe(false);
    expect(row.facts.practiceConfirmedMinutes).toBeGreaterThan(0);
    const audit = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "enrolment.outflow")
      .where("target_id", "=", String(p12.id))
      .execute();
    expect(audit).toHaveLength(1);
    await undoOutflow(t.db, trainer, cohort.id, p12.id);
    expect((await participantProgress(t.db, p12.id, TODAY))!.left).toBeNull();
    const other = await cohortByName(t.db, "Leerlijn Buurtteams 2027-1");
    await expect(recordOutflow(t.db, trainer, other.id, p12.id, { leftOn: TODAY, reason: "werk", note: null })).rejects.toMatchObject({
      messageKey: "outflow.notMember",
    });
  });
});
