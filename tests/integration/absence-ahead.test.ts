import { DEMO_COHORT, DEMO_COHORT_2 } from "../../demo/seed";
import { absenceCounts, meetingAbsenceReports, ownAbsenceReports, reportAbsence, seesAbsenceReasons, withdrawAbsence } from "../../app/services/absence.server";
import { attendanceSheet, cohortAttendanceCsv, participantAttendance, saveAttendance, type AttendanceInputRow } from "../../app/services/attendance.server";
import { collectParticipantData } from "../../app/services/data-export.server";
import { createMeeting, getMeeting, updateMeeting, type MeetingInput } from "../../app/services/schedule.server";
import { summarizeAttendance, type MeetingFacts } from "../../app/rules/attendance";
import { absenceSchema } from "../../app/forms/absence";
import { attendanceSchema, meetingSchema } from "../../app/forms/meetings";
import { createTestDb, type TestDb } from "../support/db";
import { cohortByName, userByEmail } from "../support/factories";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(() => t.close());

const REASON = "Afspraak in het ziekenhuis";
/** Moments in Amsterdam winter time, around a lesson on 5 March 2030 from 13:30 to 16:30. */
const BEFORE = new Date("2030-03-01T10:00:00+01:00");
const JUST_BEFORE = new Date("2030-03-05T13:29:00+01:00");
const AT_START = new Date("2030-03-05T13:30:00+01:00");

const lesson = (over: Partial<MeetingInput> = {}): MeetingInput => ({
  type: "les",
  title: "Thema stigma",
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

async function people() {
  const cohort = await cohortByName(t.db, DEMO_COHORT);
  const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
  const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
  const me = await userByEmail(t.db, "deelnemer1@leerlijn.test");
  // A classmate in the same cohort, and a participant of another cohort.
  const classmateRow = await t.db
    .selectFrom("enrolments as e")
    .innerJoin("users as u", "u.id", "e.participant_id")
    .select("u.email")
    .where("e.cohort_id", "=", cohort.id)
    .where("e.participant_id", "!=", me.id)
    .where("e.left_on", "is", null)
    .orderBy("u.id")
    .executeTakeFirstOrThrow();
  const classmate = await userByEmail(t.db, classmateRow.email);
  const outsider = await userByEmail(t.db, "deelnemer13@leerlijn.test");
  return { cohort, trainer, coordinator, me, classmate, outsider };
}

async function newLesson(over: Partial<MeetingInput> = {}) {
  const { cohort, trainer } = await people();
  const id = await createMeeting(t.db, cohort.id, lesson(over), trainer, BEFORE);
  return (await getMeeting(t.db, cohort.id, id))!;
}

const rowOf = async (meetingId: number, participantId: number, opts: { withReasons?: boolean } = {}) => {
  const { cohort } = await people();
  const meeting = (await getMeeting(t.db, cohort.id, meetingId))!;
  return (await attendanceSheet(t.db, meeting, opts)).rows.find((r) => r.participant.id === participantId)!;
};

describe("demo data", () => {
  it("has one hybrid lesson with people online and in the room, and one absence reported ahead with a reason", async () => {
    const { cohort, trainer } = await people();
    const hybrid = await t.db.selectFrom("course_sessions").select(["id", "date"]).where("cohort_id", "=", cohort.id).where("mode", "=", "hybrid").execute();
    expect(hybrid).toHaveLength(1);
    const modes = await t.db.selectFrom("attendance").select("mode").where("session_id", "=", hybrid[0].id).execute();
    expect(modes.filter((m) => m.mode === "online")).toHaveLength(2);
    expect(modes.filter((m) => m.mode === "in_person").length).toBeGreaterThan(3);
    const reports = await t.db.selectFrom("absence_reports").selectAll().execute();
    expect(reports).toHaveLength(1);
    const meeting = (await getMeeting(t.db, cohort.id, reports[0].session_id))!;
    const row = (await attendanceSheet(t.db, meeting, { withReasons: await seesAbsenceReasons(t.db, trainer, cohort.id) })).rows.find(
      (r) => r.participant.id === reports[0].participant_id,
    )!;
    expect(row).toMatchObject({ suggested: "afgemeld", absence: { reason: expect.stringContaining("ziekenhuis") } });
  });
});

describe("reporting absence ahead", () => {
  it("pre-fills the trainer's list with afgemeld, and a withdrawal takes it away again", async () => {
    const { me } = await people();
    const meeting = await newLesson();
    expect((await rowOf(meeting.id, me.id)).suggested).toBe("aanwezig");

    await reportAbsence(t.db, me, meeting.id, `  ${REASON}  `, BEFORE);
    const row = await rowOf(meeting.id, me.id, { withReasons: true });
    expect(row.suggested).toBe("afgemeld");
    expect(row.record).toBeNull();
    expect(row.absence).toEqual({ reason: REASON, reportedAt: BEFORE.toISOString() });

    // The participant's own rooster shows it, with their reason, and still open to withdraw.
    const mine = await participantAttendance(t.db, me, { today: "2030-03-01", time: "10:00" });
    const onRooster = mine!.meetings.find((m) => m.id === meeting.id)!;
    expect(onRooster.absence?.reason).toBe(REASON);
    expect(onRooster.absenceOpen).toBe(true);

    await withdrawAbsence(t.db, me, meeting.id, JUST_BEFORE);
    const after = await rowOf(meeting.id, me.id, { withReasons: true });
    expect(after.suggested).toBe("aanwezig");
    expect(after.absence).toBeNull();
    expect((await ownAbsenceReports(t.db, me.id)).has(meeting.id)).toBe(false);

    // Both steps are in the audit trail, without the reason's words.
    const lines = await t.db
      .selectFrom("audit_log")
      .select(["action", "actor_id", "details"])
      .where("target_type", "=", "session")
      .where("target_id", "=", String(meeting.id))
      .where("action", "like", "absence.%")
      .orderBy("id")
      .execute();
    expect(lines.map((l) => [l.action, l.actor_id])).toEqual([
      ["absence.report", me.id],
      ["absence.withdraw", me.id],
    ]);
    expect(JSON.stringify(lines)).not.toContain("ziekenhuis");
  });

  it("the trainer's save records afgemeld for them and present for the others", async () => {
    const { me, trainer } = await people();
    const meeting = await newLesson({ date: "2030-03-12" });
    await reportAbsence(t.db, me, meeting.id, null, BEFORE);
    const sheet = await attendanceSheet(t.db, meeting);
    const rows: AttendanceInputRow[] = sheet.rows.map((r) => ({
      participantId: r.participant.id,
      status: r.suggested,
      minutesMissed: 0,
      active: true,
      note: null,
    }));
    await saveAttendance(t.db, meeting, { revision: sheet.revision, rows }, trainer, new Date("2030-03-12T17:00:00+01:00"));
    const stored = await t.db
      .selectFrom("attendance")
      .select("status")
      .where("session_id", "=", meeting.id)
      .where("participant_id", "=", me.id)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe("afgemeld");
    // The others were saved as present: the report only touched this one row.
    const others = await t.db.selectFrom("attendance").select("status").where("session_id", "=", meeting.id).where("participant_id", "!=", me.id).execute();
    expect(others.length).toBeGreaterThan(3);
    expect(new Set(others.map((o) => o.status))).toEqual(new Set(["aanwezig"]));
  });

  it("cannot report or withdraw once the meeting has started, nor for a cancelled meeting", async () => {
    const { me, cohort, trainer } = await people();
    const meeting = await newLesson({ date: "2030-03-05" });
    await expect(reportAbsence(t.db, me, meeting.id, null, AT_START)).rejects.toMatchObject({ messageKey: "absence.started" });
    await expect(reportAbsence(t.db, me, meeting.id, null, new Date("2030-03-06T09:00:00+01:00"))).rejects.toMatchObject({ messageKey: "absence.started" });
    await reportAbsence(t.db, me, meeting.id, REASON, JUST_BEFORE);
    await expect(withdrawAbsence(t.db, me, meeting.id, AT_START)).rejects.toMatchObject({ messageKey: "absence.started" });
    expect((await rowOf(meeting.id, me.id)).suggested).toBe("afgemeld");
    // On the rooster at the start: reported, no longer open.
    const mine = await participantAttendance(t.db, me, { today: "2030-03-05", time: "13:30" });
    expect(mine!.meetings.find((m) => m.id === meeting.id)).toMatchObject({ absence: { reason: REASON }, absenceOpen: false });

    const { setCancelled } = await import("../../app/services/schedule.server");
    const cancelled = await newLesson({ date: "2030-04-02" });
    await setCancelled(t.db, cohort.id, cancelled.id, true, "Storm", trainer, BEFORE);
    await expect(reportAbsence(t.db, me, cancelled.id, null, BEFORE)).rejects.toMatchObject({ messageKey: "absence.cancelled" });
  });

  it("another participant can neither see nor withdraw it, nor report for a meeting not on their rooster", async () => {
    const { me, classmate, outsider } = await people();
    const meeting = await newLesson({ date: "2030-03-19" });
    await reportAbsence(t.db, me, meeting.id, REASON, BEFORE);

    // The classmate's withdrawal finds no report of theirs: mine stays.
    await expect(withdrawAbsence(t.db, classmate, meeting.id, BEFORE)).rejects.toMatchObject({ messageKey: "absence.notReported" });
    expect((await rowOf(meeting.id, me.id)).suggested).toBe("afgemeld");
    // A participant of another cohort cannot report for this meeting.
    await expect(reportAbsence(t.db, outsider, meeting.id, "x", BEFORE)).rejects.toMatchObject({ messageKey: "absence.notYours" });
    expect((await meetingAbsenceReports(t.db, meeting.id, { withReasons: false })).has(outsider.id)).toBe(false);
    // The trainer's rooster counts one.
    expect((await absenceCounts(t.db, [meeting.id])).get(meeting.id)).toBe(1);

    // The reason is nowhere in the classmate's own pages and data.
    const theirs = await participantAttendance(t.db, classmate, { today: "2030-03-01", time: "10:00" });
    const theirMeeting = theirs!.meetings.find((m) => m.id === meeting.id)!;
    expect(theirMeeting.absence).toBeNull();
    expect(JSON.stringify(theirs)).not.toContain(REASON);
    const { data } = await collectParticipantData(t.db, classmate, "nl");
    expect(JSON.stringify(data)).not.toContain(REASON);
    // Mine has it, in its own section.
    const own = await collectParticipantData(t.db, me, "nl");
    expect(own.data.sections.absence_reports.rows).toEqual(expect.arrayContaining([expect.objectContaining({ session_id: meeting.id, reason: REASON })]));
  });

  it("shows the reason only to the cohort's trainers: not to a coordinator, another trainer, nor in the CSV", async () => {
    const { me, cohort, trainer, coordinator } = await people();
    const meeting = await newLesson({ date: "2030-03-26" });
    await reportAbsence(t.db, me, meeting.id, REASON, BEFORE);
    const trainer2 = await userByEmail(t.db, "trainer2@leerlijn.test");
    expect(await seesAbsenceReasons(t.db, trainer, cohort.id)).toBe(true);
    expect(await seesAbsenceReasons(t.db, trainer2, cohort.id)).toBe(false);
    expect(await seesAbsenceReasons(t.db, coordinator, cohort.id)).toBe(false);
    expect(await seesAbsenceReasons(t.db, me, cohort.id)).toBe(false);
    // Without reasons the list still says afgemeld, but not why.
    const row = await rowOf(meeting.id, me.id, { withReasons: false });
    expect(row).toMatchObject({ suggested: "afgemeld", absence: { reason: null } });
    const csv = await cohortAttendanceCsv(t.db, cohort.id, "2030-12-31");
    expect(csv).not.toContain(REASON);
  });

  it("keeps the reason short and optional with the same schema the form uses", () => {
    expect(absenceSchema.parse({ reason: "   " })).toEqual({ reason: null });
    expect(absenceSchema.parse({})).toEqual({ reason: null });
    expect(absenceSchema.safeParse({ reason: "x".repeat(501) }).success).toBe(false);
  });
});

describe("how afgemeld counts is the template's rule", () => {
  const meetings: MeetingFacts[] = [1, 2, 3, 4].map((id) => ({
    id,
    type: "les",
    date: `2026-02-0${id}`,
    startTime: "13:30",
    endTime: "16:30",
    cancelled: false,
  }));
  const records = [1, 2, 3].map((id) => ({ meetingId: id, status: "aanwezig" as const, minutesMissed: 0, active: true, makeupDone: false }));
  const afgemeld = { meetingId: 4, status: "afgemeld" as const, minutesMissed: 0, active: false, makeupDone: false };
  const opts = { joinedOn: "2026-01-01", today: "2026-03-01" };

  it("by default afgemeld is absence: the meeting counts as held and missed", () => {
    const s = summarizeAttendance(meetings, [...records, afgemeld], { ...opts, rules: { countOnlyActive: true } });
    expect(s.lessonsAndTrainings).toMatchObject({ held: 4, attended: 3, rate: 0.75 });
  });

  it("with absenceWithNoticeExcused it is left out of the meetings held, and credits no hours", () => {
    const s = summarizeAttendance(meetings, [...records, afgemeld], { ...opts, rules: { countOnlyActive: true, noticeExcuses: true } });
    expect(s.lessonsAndTrainings).toMatchObject({ held: 3, attended: 3, rate: 1 });
    expect(s.learningHours).toBe(9);
    // afwezig is never excused
    const absent = summarizeAttendance(meetings, [...records, { ...afgemeld, status: "afwezig" }], {
      ...opts,
      rules: { countOnlyActive: true, noticeExcuses: true },
    });
    expect(absent.lessonsAndTrainings).toMatchObject({ held: 4, attended: 3 });
  });

  it("the leerlijn template in templates/ says afgemeld is absence", async () => {
    const { cohort } = await people();
    const { cohortTemplate } = await import("../../app/services/curriculum.server");
    expect((await cohortTemplate(t.db, cohort.id))!.rules.absenceWithNoticeExcused).toBe(false);
  });
});

describe("hybrid meetings", () => {
  it("stores the mode of a meeting and, for a hybrid one, per record in person or online; the CSV shows both", async () => {
    const { me, classmate, cohort, trainer } = await people();
    const parsed = meetingSchema.parse({
      ...Object.fromEntries(Object.entries(lesson()).map(([k, v]) => [k, typeof v === "string" ? v : ""])),
      type: "les",
      mode: "hybrid",
      trainerIds: "",
    });
    expect(parsed.mode).toBe("hybrid");
    const id = await createMeeting(t.db, cohort.id, { ...lesson({ date: "2030-05-07", title: "Hybride les" }), mode: parsed.mode }, trainer, BEFORE);
    let meeting = (await getMeeting(t.db, cohort.id, id))!;
    expect(meeting.mode).toBe("hybrid");

    const sheet = await attendanceSheet(t.db, meeting);
    const form: Record<string, string> = { revision: String(sheet.revision), participantIds: sheet.rows.map((r) => r.participant.id).join(",") };
    for (const r of sheet.rows) {
      form[`status-${r.participant.id}`] = "aanwezig";
      form[`active-${r.participant.id}`] = "on";
      form[`mode-${r.participant.id}`] = r.participant.id === me.id ? "online" : "in_person";
    }
    form[`status-${classmate.id}`] = "afwezig";
    expect(attendanceSchema.safeParse({ ...form, [`mode-${me.id}`]: "telefoon" }).success).toBe(false);
    const input = attendanceSchema.parse(form);
    await saveAttendance(t.db, meeting, input, trainer, new Date("2030-05-07T17:00:00+02:00"));
    const stored = new Map(
      (await t.db.selectFrom("attendance").select(["participant_id", "mode"]).where("session_id", "=", id).execute()).map((r) => [r.participant_id, r.mode]),
    );
    expect(stored.get(me.id)).toBe("online");
    expect(stored.get(classmate.id)).toBeNull();
    expect([...stored.values()].filter((m) => m === "in_person").length).toBeGreaterThan(2);

    // Saving the same again changes nothing; switching one row to in person is a change.
    expect((await saveAttendance(t.db, meeting, { ...input, revision: 1 }, trainer)).status).toBe("unchanged");
    const switched = { ...input, revision: 1, rows: input.rows.map((r) => (r.participantId === me.id ? { ...r, mode: "in_person" as const } : r)) };
    expect((await saveAttendance(t.db, meeting, switched, trainer)).status).toBe("saved");
    await saveAttendance(t.db, meeting, { ...input, revision: 2 }, trainer);

    const csv = (await cohortAttendanceCsv(t.db, cohort.id, "2030-12-31")).replace(/^\uFEFF/, "").split("\r\n");
    expect(csv[0].split(";").slice(-2)).toEqual(["Vorm", "Meegedaan"]);
    const mine = csv.find((l) => l.startsWith(`${me.name};`) && l.includes(";Hybride les;"))!;
    expect(mine.split(";").slice(-2)).toEqual(["Op locatie en online", "Online"]);
    const theirs = csv.find((l) => l.startsWith(`${classmate.name};`) && l.includes(";Hybride les;"))!;
    expect(theirs.split(";").slice(-2)).toEqual(["Op locatie en online", ""]);

    // The participant's rooster shows the meeting's form and how they took part.
    const rooster = await participantAttendance(t.db, me, { today: "2030-05-08", time: "10:00" });
    expect(rooster!.meetings.find((m) => m.id === id)).toMatchObject({ mode: "hybrid", participation: "online" });

    // A change without a mode keeps it; an online meeting needs no choice per row.
    await updateMeeting(t.db, cohort.id, id, lesson({ date: "2030-05-07", title: "Hybride les" }), trainer);
    meeting = (await getMeeting(t.db, cohort.id, id))!;
    expect(meeting.mode).toBe("hybrid");
    const online = await newLesson({ date: "2030-05-14", title: "Online les", mode: "online" });
    expect(online.mode).toBe("online");
    const plain = await newLesson({ date: "2030-05-21" });
    expect(plain.mode).toBe("in_person");
  });
});

it("a participant of another cohort is not expected at this cohort's meetings (sanity for the outsider above)", async () => {
  const other = await cohortByName(t.db, DEMO_COHORT_2);
  const outsider = await userByEmail(t.db, "deelnemer13@leerlijn.test");
  const enrolment = await t.db.selectFrom("enrolments").select("cohort_id").where("participant_id", "=", outsider.id).executeTakeFirstOrThrow();
  expect(enrolment.cohort_id).toBe(other.id);
});
