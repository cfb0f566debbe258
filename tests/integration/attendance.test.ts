import { DEMO_COHORT, DEMO_COHORT_2 } from "../../demo/seed";
import {
  attendanceSheet,
  completeMakeup,
  grantMakeup,
  participantAttendance,
  saveAttendance,
  cohortAttendanceExport,
} from "../../app/services/attendance.server";
import { saveGroup, saveIntervisieReport, saveReflection, getReflection, listGroups } from "../../app/services/intervisie.server";
import { createMeeting, getMeeting, listMeetings, setCancelled, updateMeeting, type MeetingInput } from "../../app/services/schedule.server";
import { cohortForStaff } from "../../app/services/staff.server";
import { enrolParticipant } from "../../app/services/cohorts.server";
import { recordOutflow } from "../../app/services/progress.server";
import { createTestDb, type TestDb } from "../support/db";
import { cohortByName, makeUser, userByEmail } from "../support/factories";
import { currentTime } from "../../app/clock.server";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(() => t.close());

const lesson = (over: Partial<MeetingInput> = {}): MeetingInput => ({
  type: "les",
  title: "Thema herstel",
  date: "2030-03-05",
  startTime: "13:30",
  endTime: "16:30",
  location: "Vrijwilligersacademie",
  onlineUrl: null,
  trainerIds: [],
  trainingId: null,
  intervisieGroupId: null,
  programme: [{ minutes: 15, title: "welkom" }],
  assignment: null,
  ...over,
});

async function demo() {
  const cohort = await cohortByName(t.db, DEMO_COHORT);
  const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
  const trainer2 = await userByEmail(t.db, "trainer2@leerlijn.test");
  return { cohort, trainer, trainer2 };
}

describe("demo history", () => {
  it("has about ten weeks of past lessons, two trainings and intervisie with attendance", async () => {
    const { cohort } = await demo();
    const meetings = await listMeetings(t.db, cohort.id);
    const today = currentTime().toISOString().slice(0, 10);
    const past = meetings.filter((s) => s.date < today);
    expect(past.filter((s) => s.type === "les").length).toBeGreaterThanOrEqual(9);
    expect(past.filter((s) => s.type === "training")).toHaveLength(2);
    expect(past.filter((s) => s.type === "intervisie").length).toBeGreaterThanOrEqual(12);
    expect(meetings.some((s) => s.status === "cancelled")).toBe(true);
    expect(meetings.some((s) => s.date >= today)).toBe(true);
    const p1 = await userByEmail(t.db, "deelnemer1@leerlijn.test");
    const mine = await participantAttendance(t.db, p1, today);
    expect(mine!.summary.learningHours).toBeGreaterThan(20);
    expect(mine!.summary.intervisieAttended).toBeGreaterThanOrEqual(4);
    expect(mine!.summary.lessonsAndTrainings.rate).toBe(1);
  });
});

describe("planning meetings", () => {
  it("creates, moves and cancels a meeting, with a training and an intervisie group checked against the cohort", async () => {
    const { cohort, trainer } = await demo();
    const id = await createMeeting(t.db, cohort.id, lesson({ trainerIds: [trainer.id] }), trainer);
    await updateMeeting(t.db, cohort.id, id, lesson({ date: "2030-03-12", trainerIds: [trainer.id] }), trainer);
    expect((await getMeeting(t.db, cohort.id, id))?.date).toBe("2030-03-12");
    const moved = await t.db
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "session.move")
      .where("target_id", "=", String(id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(moved.details!)).toEqual({ from: "2030-03-05 13:30-16:30", to: "2030-03-12 13:30-16:30" });
    await setCancelled(t.db, cohort.id, id, true, "Storm", trainer);
    expect(await getMeeting(t.db, cohort.id, id)).toMatchObject({ status: "cancelled", cancel_reason: "Storm" });
    await expect(createMeeting(t.db, cohort.id, lesson({ type: "training", trainingId: 99999 }), trainer)).rejects.toMatchObject({
      messageKey: "session.trainingRequired",
    });
    const other = await cohortByName(t.db, DEMO_COHORT_2);
    const [groupOfCohort1] = await listGroups(t.db, cohort.id);
    await expect(createMeeting(t.db, other.id, lesson({ type: "intervisie", intervisieGroupId: groupOfCohort1.id }), trainer)).rejects.toMatchObject({
      messageKey: "session.groupRequired",
    });
  });

  it("finds a meeting only within its own cohort", async () => {
    const { cohort } = await demo();
    const other = await cohortByName(t.db, DEMO_COHORT_2);
    const [first] = await listMeetings(t.db, cohort.id);
    expect(await getMeeting(t.db, other.id, first.id)).toBeUndefined();
  });
});

describe("saving attendance", () => {
  it("saves the whole list in one go, and a second identical save is harmless", async () => {
    const { cohort, trainer } = await demo();
    const id = await createMeeting(t.db, cohort.id, lesson({ date: "2027-01-13" }), trainer);
    const meeting = (await getMeeting(t.db, cohort.id, id))!;
    const sheet = await attendanceSheet(t.db, meeting);
    // deelnemer1..12 and the participant who came back after a break (deelnemer20)
    expect(sheet.rows).toHaveLength(13);
    expect(sheet.revision).toBe(0);
    const rows = sheet.rows.map((r, i) => ({
      participantId: r.participant.id,
      status: i === 0 ? ("te_laat" as const) : i === 1 ? ("afgemeld" as const) : ("aanwezig" as const),
      minutesMissed: i === 0 ? 30 : 0,
      active: true,
      note: i === 1 ? "ziek" : null,
    }));
    expect(await saveAttendance(t.db, meeting, { revision: 0, rows }, trainer)).toEqual({ status: "saved", revision: 1 });
    expect(await saveAttendance(t.db, meeting, { revision: 0, rows }, trainer)).toEqual({ status: "unchanged", revision: 1 });
    const stored = await t.db.selectFrom("attendance").selectAll().where("session_id", "=", id).execute();
    expect(stored).toHaveLength(13);
    expect(stored.find((r) => r.participant_id === rows[0].participantId)).toMatchObject({ status: "te_laat", minutes_missed: 30 });
    expect(stored.find((r) => r.participant_id === rows[1].participantId)).toMatchObject({ status: "afgemeld", active: 0, note: "ziek" });
  });

  it("shows a conflict instead of overwriting another trainer's save", async () => {
    const { cohort, trainer } = await demo();
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const id = await createMeeting(t.db, cohort.id, lesson({ date: "2027-01-20" }), trainer);
    const meeting = (await getMeeting(t.db, cohort.id, id))!;
    const people = (await attendanceSheet(t.db, meeting)).rows.map((r) => r.participant.id);
    const all = (status: "aanwezig" | "afwezig") => people.map((participantId) => ({ participantId, status, minutesMissed: 0, active: true, note: null }));
    await saveAttendance(t.db, meeting, { revision: 0, rows: all("aanwezig") }, trainer);
    const second = await saveAttendance(t.db, meeting, { revision: 0, rows: all("afwezig") }, coordinator);
    expect(second.status).toBe("conflict");
    if (second.status === "conflict") {
      expect(second.revision).toBe(1);
      expect(second.sheet.lastSaved?.by).toBe("Marieke Hoekstra");
      expect(second.sheet.rows.every((r) => r.record?.status === "aanwezig")).toBe(true);
    }
    const stored = await t.db.selectFrom("attendance").select("status").where("session_id", "=", id).execute();
    expect(new Set(stored.map((s) => s.status))).toEqual(new Set(["aanwezig"]));
    // Saving again with the new revision is a deliberate overwrite.
    expect(await saveAttendance(t.db, meeting, { revision: 1, rows: all("afwezig") }, coordinator)).toEqual({ status: "saved", revision: 2 });
  });

  it("refuses more minutes late than the meeting lasts", async () => {
    const { cohort, trainer } = await demo();
    const id = await createMeeting(t.db, cohort.id, lesson({ date: "2027-01-26" }), trainer);
    const meeting = (await getMeeting(t.db, cohort.id, id))!;
    const [first] = (await attendanceSheet(t.db, meeting)).rows;
    const row = { participantId: first.participant.id, status: "te_laat" as const, minutesMissed: 181, active: true, note: null };
    await expect(saveAttendance(t.db, meeting, { revision: 0, rows: [row] }, trainer)).rejects.toMatchObject({ messageKey: "attendance.minutesTooMany" });
    expect(await saveAttendance(t.db, meeting, { revision: 0, rows: [{ ...row, minutesMissed: 180 }] }, trainer)).toMatchObject({ status: "saved" });
  });

  it("refuses someone who is not expected, and a cancelled meeting", async () => {
    const { cohort, trainer } = await demo();
    const outsider = await userByEmail(t.db, "deelnemer13@leerlijn.test");
    const id = await createMeeting(t.db, cohort.id, lesson({ date: "2027-01-27" }), trainer);
    const meeting = (await getMeeting(t.db, cohort.id, id))!;
    await expect(
      saveAttendance(
        t.db,
        meeting,
        { revision: 0, rows: [{ participantId: outsider.id, status: "aanwezig", minutesMissed: 0, active: true, note: null }] },
        trainer,
      ),
    ).rejects.toMatchObject({ messageKey: "attendance.notExpected" });
    await setCancelled(t.db, cohort.id, id, true, null, trainer);
    const cancelled = (await getMeeting(t.db, cohort.id, id))!;
    await expect(saveAttendance(t.db, cancelled, { revision: 0, rows: [] }, trainer)).rejects.toMatchObject({ messageKey: "attendance.cancelled" });
  });

  it("a trainer of another cohort cannot reach this cohort at all", async () => {
    const { cohort, trainer, trainer2 } = await demo();
    expect(await cohortForStaff(t.db, trainer2, cohort.id)).toBeUndefined();
    expect((await cohortForStaff(t.db, trainer, cohort.id))?.id).toBe(cohort.id);
    const p1 = await userByEmail(t.db, "deelnemer1@leerlijn.test");
    expect(await cohortForStaff(t.db, p1, cohort.id)).toBeUndefined();
  });

  it("a participant who joined late is not expected at earlier meetings", async () => {
    const { cohort, trainer } = await demo();
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const late = await makeUser(t.db, { role: "participant", name: "Late Instromer" });
    await enrolParticipant(t.db, cohort.id, late.id, coordinator, new Date("2027-02-01T09:00:00Z"));
    const before = await createMeeting(t.db, cohort.id, lesson({ date: "2027-01-28" }), trainer);
    const after = await createMeeting(t.db, cohort.id, lesson({ date: "2027-02-03" }), trainer);
    const names = async (id: number) => (await attendanceSheet(t.db, (await getMeeting(t.db, cohort.id, id))!)).rows.map((r) => r.participant.id);
    expect(await names(before)).not.toContain(late.id);
    expect(await names(after)).toContain(late.id);
  });

  it("a participant who left is expected up to the day they left, not after; a record made earlier stays", async () => {
    const { cohort, trainer } = await demo();
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const leaver = await makeUser(t.db, { role: "participant", name: "Vroege Uitstromer" });
    await enrolParticipant(t.db, cohort.id, leaver.id, coordinator, new Date("2027-03-01T09:00:00Z"));
    const onTheDay = await createMeeting(t.db, cohort.id, lesson({ date: "2027-03-10" }), trainer);
    const after = await createMeeting(t.db, cohort.id, lesson({ date: "2027-03-17" }), trainer);
    const recordedAfter = await createMeeting(t.db, cohort.id, lesson({ date: "2027-03-24" }), trainer);
    // Attendance written for the last meeting before the outflow was recorded (e.g. a mistake): it stays visible.
    const sheet = await attendanceSheet(t.db, (await getMeeting(t.db, cohort.id, recordedAfter))!);
    await saveAttendance(
      t.db,
      (await getMeeting(t.db, cohort.id, recordedAfter))!,
      { revision: sheet.revision, rows: [{ participantId: leaver.id, status: "afgemeld", minutesMissed: 0, active: false, note: null }] },
      trainer,
    );
    await recordOutflow(t.db, coordinator, cohort.id, leaver.id, { leftOn: "2027-03-10", reason: "werk", note: null });
    const names = async (id: number) => (await attendanceSheet(t.db, (await getMeeting(t.db, cohort.id, id))!)).rows.map((r) => r.participant.id);
    expect(await names(onTheDay)).toContain(leaver.id);
    expect(await names(after)).not.toContain(leaver.id);
    expect(await names(recordedAfter)).toContain(leaver.id);
    // The attendance export (CSV) agrees: the day they left counts, the week after does not.
    const exported = (await cohortAttendanceExport(t.db, cohort.id, "2027-04-01")).filter((r) => r.participant === "Vroege Uitstromer").map((r) => r.date);
    expect(exported).toContain("2027-03-10");
    expect(exported).not.toContain("2027-03-17");
    expect(exported).toContain("2027-03-24");
    const later = (await getMeeting(t.db, cohort.id, after))!;
    await expect(
      saveAttendance(
        t.db,
        later,
        { revision: later.attendance_revision, rows: [{ participantId: leaver.id, status: "aanwezig", minutesMissed: 0, active: true, note: null }] },
        trainer,
      ),
    ).rejects.toMatchObject({ messageKey: "attendance.notExpected" });
  });
});

describe("make-up assignments", () => {
  it("count as attended once done, and the record shows it", async () => {
    const { cohort, trainer } = await demo();
    const p12 = await userByEmail(t.db, "deelnemer12@leerlijn.test");
    const id = await createMeeting(t.db, cohort.id, lesson({ date: "2027-02-10" }), trainer);
    const meeting = (await getMeeting(t.db, cohort.id, id))!;
    const rows = (await attendanceSheet(t.db, meeting)).rows.map((r) => ({
      participantId: r.participant.id,
      status: r.participant.id === p12.id ? ("afwezig" as const) : ("aanwezig" as const),
      minutesMissed: 0,
      active: true,
      note: null,
    }));
    await saveAttendance(t.db, meeting, { revision: 0, rows }, trainer);
    const p1 = await userByEmail(t.db, "deelnemer1@leerlijn.test");
    await expect(grantMakeup(t.db, id, p1.id, "x", trainer)).rejects.toMatchObject({ messageKey: "makeup.onlyMissed" });
    await expect(completeMakeup(t.db, id, p12.id, trainer)).rejects.toMatchObject({ messageKey: "makeup.notGranted" });
    const line = async () => (await participantAttendance(t.db, p12, "2027-12-31"))!.summary.lines.find((l) => l.meetingId === id)!;
    expect(await line()).toMatchObject({ attended: false, hours: 0, madeUp: false });
    await grantMakeup(t.db, id, p12.id, "Lees hoofdstuk 3 en schrijf een reflectie", trainer);
    expect(await line()).toMatchObject({ attended: false, hours: 0 });
    await completeMakeup(t.db, id, p12.id, trainer);
    expect(await line()).toMatchObject({ attended: true, hours: 3, madeUp: true, status: "afwezig" });
  });
});

describe("intervisie", () => {
  it("refuses groups smaller than 4 or larger than 8, and people in two groups", async () => {
    const { cohort, trainer } = await demo();
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const extra = await Promise.all(
      [1, 2, 3, 4, 5, 6, 7, 8, 9].map(async (i) => {
        const u = await makeUser(t.db, { role: "participant", name: `Extra ${i}` });
        await enrolParticipant(t.db, cohort.id, u.id, coordinator);
        return u.id;
      }),
    );
    await expect(saveGroup(t.db, cohort.id, { name: "Te klein", memberIds: extra.slice(0, 3) }, trainer)).rejects.toMatchObject({
      messageKey: "intervisie.groupSize",
    });
    await expect(saveGroup(t.db, cohort.id, { name: "Te groot", memberIds: extra.slice(0, 9) }, trainer)).rejects.toMatchObject({
      messageKey: "intervisie.groupSize",
    });
    const gid = await saveGroup(t.db, cohort.id, { name: "Groep D", memberIds: extra.slice(0, 4) }, trainer);
    expect(gid).toBeGreaterThan(0);
    await expect(saveGroup(t.db, cohort.id, { name: "Groep E", memberIds: extra.slice(3, 7) }, trainer)).rejects.toMatchObject({
      messageKey: "intervisie.inOtherGroup",
    });
    const p13 = await userByEmail(t.db, "deelnemer13@leerlijn.test");
    await expect(saveGroup(t.db, cohort.id, { name: "Groep F", memberIds: [...extra.slice(5, 8), p13.id] }, trainer)).rejects.toMatchObject({
      messageKey: "intervisie.notInCohort",
    });
  });

  it("expects a group member only at intervisie on or after the day they joined the cohort, as the progress engine does", async () => {
    const { cohort, trainer } = await demo();
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const joined = await Promise.all(
      [1, 2, 3, 4].map(async (i) => {
        const u = await makeUser(t.db, { role: "participant", name: `Later ${i}` });
        await enrolParticipant(t.db, cohort.id, u.id, coordinator);
        return u.id;
      }),
    );
    const joinedOn = (
      await t.db.selectFrom("enrolments").select("enrolled_at").where("participant_id", "=", joined[0]).executeTakeFirstOrThrow()
    ).enrolled_at.slice(0, 10);
    const gid = await saveGroup(t.db, cohort.id, { name: "Groep Later", memberIds: joined }, trainer);
    const dayBefore = new Date(Date.parse(`${joinedOn}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const sheetOn = async (date: string) => {
      const id = await createMeeting(t.db, cohort.id, lesson({ type: "intervisie", title: "Intervisie", date, intervisieGroupId: gid }), trainer);
      return attendanceSheet(t.db, (await getMeeting(t.db, cohort.id, id))!);
    };
    // Before they joined: nobody of the group is expected, so a save cannot mark them present.
    expect((await sheetOn(dayBefore)).rows).toEqual([]);
    expect((await sheetOn(joinedOn)).rows.map((r) => r.participant.id).sort()).toEqual([...joined].sort());
  });

  it("records a meeting and keeps each participant's reflection private to them", async () => {
    const { cohort, trainer } = await demo();
    const [groupA] = await listGroups(t.db, cohort.id);
    const id = await createMeeting(
      t.db,
      cohort.id,
      lesson({ type: "intervisie", title: "Intervisie", date: "2027-02-13", intervisieGroupId: groupA.id }),
      trainer,
    );
    const meeting = (await getMeeting(t.db, cohort.id, id))!;
    const sheet = await attendanceSheet(t.db, meeting);
    expect(sheet.rows.map((r) => r.participant.id).sort()).toEqual(groupA.members.map((m) => m.id).sort());
    const [a, b] = groupA.members;
    await saveAttendance(
      t.db,
      meeting,
      {
        revision: 0,
        rows: sheet.rows.map((r) => ({
          participantId: r.participant.id,
          status: r.participant.id === b.id ? ("afwezig" as const) : ("aanwezig" as const),
          minutesMissed: 0,
          active: true,
          note: null,
        })),
      },
      trainer,
    );
    await saveIntervisieReport(
      t.db,
      meeting,
      { method: "incidentmethode", methodOther: null, inbrengerId: a.id, theme: "Grenzen bewaken", learningPoints: "Eerst vragen." },
      trainer,
    );
    const outsider = await userByEmail(t.db, "deelnemer12@leerlijn.test");
    await expect(
      saveIntervisieReport(t.db, meeting, { method: "incidentmethode", methodOther: null, inbrengerId: outsider.id, theme: "x", learningPoints: "y" }, trainer),
    ).rejects.toMatchObject({ messageKey: "intervisie.inbrengerNotMember" });
    await saveReflection(t.db, id, a, "Ik merkte dat ik snel wil helpen.");
    expect(await getReflection(t.db, id, a)).toBe("Ik merkte dat ik snel wil helpen.");
    expect(await getReflection(t.db, id, b)).toBeNull();
    await expect(saveReflection(t.db, id, b, "Niet aanwezig")).rejects.toMatchObject({ messageKey: "reflection.notAttended" });
    await expect(saveReflection(t.db, id, outsider, "Niet in de groep")).rejects.toMatchObject({ messageKey: "session.notFound" });
  });
});

describe("export", () => {
  it("gives one row per participant per expected meeting, with hours", async () => {
    const { cohort } = await demo();
    const rows = await cohortAttendanceExport(t.db, cohort.id, currentTime().toISOString().slice(0, 10));
    const p1rows = rows.filter((r) => r.email === "deelnemer1@leerlijn.test");
    expect(p1rows.length).toBeGreaterThan(10);
    expect(p1rows.every((r) => r.type !== "intervisie" || r.title === "Intervisie")).toBe(true);
    const lessonRow = p1rows.find((r) => r.type === "les" && r.status === "aanwezig" && !r.cancelled);
    expect(lessonRow?.hours).toBe(3);
  });
});
