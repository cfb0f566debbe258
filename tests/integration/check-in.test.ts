import { DEMO_COHORT, DEMO_COHORT_2 } from "../../demo/seed";
import { reportAbsence } from "../../app/services/absence.server";
import { attendanceSheet, saveAttendance } from "../../app/services/attendance.server";
import { checkIn, checkInScreen } from "../../app/services/check-in.server";
import { createMeeting, getMeeting, type MeetingInput } from "../../app/services/schedule.server";
import { collectParticipantData } from "../../app/services/data-export.server";
import { UserInputError } from "../../app/services/errors";
import { RATE_LIMITS } from "../../app/services/rate-limit.server";
import { createTestDb, type TestDb } from "../support/db";
import { cohortByName, userByEmail } from "../support/factories";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(() => t.close());

/** Moments in Amsterdam winter time, around lessons on 5 March 2030 from 13:30 to 16:30. */
const PLANNED = new Date("2030-03-01T10:00:00+01:00");
const at = (time: string) => new Date(`2030-03-05T${time}+01:00`);

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
  const cohort2 = await cohortByName(t.db, DEMO_COHORT_2);
  const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
  const trainer2 = await userByEmail(t.db, "trainer2@leerlijn.test");
  const me = await userByEmail(t.db, "deelnemer1@leerlijn.test");
  const classmates = await t.db
    .selectFrom("enrolments as e")
    .innerJoin("users as u", "u.id", "e.participant_id")
    .select("u.email")
    .where("e.cohort_id", "=", cohort.id)
    .where("e.participant_id", "!=", me.id)
    .where("e.left_on", "is", null)
    .orderBy("u.id")
    .limit(3)
    .execute();
  const [c1, c2, c3] = await Promise.all(classmates.map((c) => userByEmail(t.db, c.email)));
  // deelnemer13 is in the other cohort: not expected at the first cohort's lessons.
  const outsider = await userByEmail(t.db, "deelnemer13@leerlijn.test");
  return { cohort, cohort2, trainer, trainer2, me, classmates: [c1, c2, c3], outsider };
}

async function newLesson(cohortId?: number, over: Partial<MeetingInput> = {}) {
  const p = await people();
  const id = await createMeeting(t.db, cohortId ?? p.cohort.id, lesson(over), cohortId === p.cohort2.id ? p.trainer2 : p.trainer, PLANNED);
  return (await getMeeting(t.db, cohortId ?? p.cohort.id, id))!;
}

/** The code the staff's screen shows at a moment (opening the screen makes the meeting's secret). */
async function shown(meeting: Awaited<ReturnType<typeof newLesson>>, moment: Date): Promise<string> {
  const screen = await checkInScreen(t.db, meeting, moment);
  if (!screen.open) throw new Error(`screen closed: ${screen.reason}`);
  return screen.code;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserInputError);
  return (error as UserInputError).messageKey;
}

const rowOf = async (meeting: Awaited<ReturnType<typeof newLesson>>, participantId: number) =>
  (await attendanceSheet(t.db, meeting)).rows.find((r) => r.participant.id === participantId)!;

describe("self check-in", () => {
  it("works within the window: checked in pending the trainer's save, shown and pre-filled on the sheet, audited", async () => {
    const { me, trainer, classmates } = await people();
    const meeting = await newLesson();
    // Someone who reported absence ahead and came after all opens as present.
    await reportAbsence(t.db, classmates[0], meeting.id, null, PLANNED);
    expect((await rowOf(meeting, classmates[0].id)).suggested).toBe("afgemeld");

    const code = await shown(meeting, at("13:20:05"));
    const done = await checkIn(t.db, me, code.toLowerCase(), at("13:20:40"));
    expect(done).toEqual({ meetingId: meeting.id, title: "Thema stigma", time: "13:20", already: false });
    // The previous minute's code still works (typed from the projector a bit late).
    await checkIn(t.db, classmates[0], code, at("13:21:30"));

    // Not attendance: nothing is recorded until the trainer saves.
    expect(await t.db.selectFrom("attendance").select("id").where("session_id", "=", meeting.id).execute()).toEqual([]);
    const row = await rowOf(meeting, me.id);
    expect(row).toMatchObject({ record: null, checkIn: { time: "13:20" }, suggested: "aanwezig" });
    expect(await rowOf(meeting, classmates[0].id)).toMatchObject({ checkIn: { time: "13:21" }, absence: expect.anything(), suggested: "aanwezig" });
    expect((await rowOf(meeting, classmates[1].id)).checkIn).toBeNull();

    // Checking in again changes nothing and keeps the first time.
    expect(await checkIn(t.db, me, await shown(meeting, at("13:40:00")), at("13:40:10"))).toMatchObject({ time: "13:20", already: true });
    expect(await t.db.selectFrom("check_ins").select("id").where("session_id", "=", meeting.id).where("participant_id", "=", me.id).execute()).toHaveLength(1);

    // The screen counts those checked in (no names on a projector).
    expect(await checkInScreen(t.db, meeting, at("13:41:00"))).toMatchObject({ open: true, checkedIn: 2, secondsLeft: 60 });

    // The trainer confirms by saving the list: then the stored status counts, and the check-in still shows.
    const sheet = await attendanceSheet(t.db, meeting);
    const rows = sheet.rows.map((r) => ({ participantId: r.participant.id, status: r.suggested, minutesMissed: 0, active: true, note: null }));
    expect((await saveAttendance(t.db, meeting, { revision: sheet.revision, rows }, trainer, at("14:00:00"))).status).toBe("saved");
    const saved = await rowOf((await getMeeting(t.db, meeting.cohort_id, meeting.id))!, me.id);
    expect(saved).toMatchObject({ record: { status: "aanwezig" }, checkIn: { time: "13:20" } });

    const lines = await t.db
      .selectFrom("audit_log")
      .select(["action", "actor_id", "outcome"])
      .where("action", "=", "checkin.create")
      .where("target_id", "=", String(meeting.id))
      .orderBy("id")
      .execute();
    expect(lines).toEqual([
      { action: "checkin.create", actor_id: me.id, outcome: "success" },
      { action: "checkin.create", actor_id: classmates[0].id, outcome: "success" },
    ]);

    // The participant's own data export holds their check-in.
    const exported = await collectParticipantData(t.db, me, "nl");
    expect(exported.data.sections.check_ins.rows).toEqual([expect.objectContaining({ session_id: meeting.id, checked_in_at: at("13:20:40").toISOString() })]);
  });

  it("refuses a code two minutes old, from an hour ago, or outside the window", async () => {
    const { me } = await people();
    const meeting = await newLesson(undefined, { startTime: "09:00", endTime: "12:00", title: "Ochtend" });
    const early = await shown(meeting, at("09:10:00"));
    expect(await refusal(checkIn(t.db, me, early, at("09:12:00")))).toBe("checkIn.wrongCode");
    // A screenshot an hour later.
    expect(await refusal(checkIn(t.db, me, early, at("10:10:30")))).toBe("checkIn.wrongCode");
    // The last minute's code just after the end: closed.
    const last = await shown(meeting, at("11:59:30"));
    expect(await refusal(checkIn(t.db, me, last, at("12:00:10")))).toBe("checkIn.wrongCode");
    expect(await t.db.selectFrom("check_ins").select("id").where("session_id", "=", meeting.id).execute()).toEqual([]);
    // Refusals are audited, without the code.
    const denied = await t.db
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "checkin.create")
      .where("actor_id", "=", me.id)
      .where("outcome", "=", "denied")
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(3);
    expect(denied.map((d) => d.details ?? "").join(" ")).not.toContain(early);
  });

  it("shows no code before 15 minutes ahead, after the end, on another day, or for a cancelled meeting", async () => {
    const meeting = await newLesson(undefined, { title: "Vensters" });
    expect(await checkInScreen(t.db, meeting, at("13:14:59"))).toEqual({ open: false, reason: "notYet", opensAt: "13:15" });
    expect((await checkInScreen(t.db, meeting, at("13:15:00"))).open).toBe(true);
    expect(await checkInScreen(t.db, meeting, at("16:30:00"))).toMatchObject({ open: false, reason: "over" });
    expect(await checkInScreen(t.db, meeting, new Date("2030-03-04T14:00:00+01:00"))).toMatchObject({ open: false, reason: "notToday" });
    expect(await checkInScreen(t.db, { ...meeting, status: "cancelled" }, at("14:00:00"))).toMatchObject({ open: false, reason: "cancelled" });
  });

  it("refuses another meeting's code, and a participant who is not expected at the meeting", async () => {
    const { me, cohort2, outsider, classmates } = await people();
    const mine = await newLesson(undefined, { startTime: "18:00", endTime: "20:00", title: "Avond" });
    const theirs = await newLesson(cohort2.id, { startTime: "18:00", endTime: "20:00", title: "Avond andere groep" });
    const myCode = await shown(mine, at("18:05:00"));
    const theirCode = await shown(theirs, at("18:05:00"));
    expect(theirCode).not.toBe(myCode);
    // The other cohort's meeting, open at the same moment: its code does not check me in anywhere.
    expect(await refusal(checkIn(t.db, me, theirCode, at("18:05:20")))).toBe("checkIn.wrongCode");
    // A participant of the other cohort with my meeting's code (passed on by message): refused.
    expect(await refusal(checkIn(t.db, outsider, myCode, at("18:05:20")))).toBe("checkIn.wrongCode");
    expect(await t.db.selectFrom("check_ins").select("id").where("session_id", "in", [mine.id, theirs.id]).execute()).toEqual([]);
    // While the right person with the right code gets in.
    expect((await checkIn(t.db, classmates[1], myCode, at("18:05:30"))).meetingId).toBe(mine.id);
  });

  it("limits wrong attempts per participant with a calm message, also for a right code, until the window passes", async () => {
    const { classmates, me } = await people();
    const meeting = await newLesson(undefined, { startTime: "20:30", endTime: "22:00", title: "Laat" });
    const person = classmates[2];
    const code = await shown(meeting, at("20:20:00"));
    const wrong = code === "AAAAAA" ? "CCCCCC" : "AAAAAA";
    for (let i = 0; i < RATE_LIMITS.checkIn.max; i++) {
      expect(await refusal(checkIn(t.db, person, wrong, at("20:20:10")))).toBe("checkIn.wrongCode");
    }
    expect(await refusal(checkIn(t.db, person, code, at("20:20:30")))).toBe("checkIn.tooMany");
    // Someone else is not held up by it.
    expect((await checkIn(t.db, me, code, at("20:20:40"))).already).toBe(false);
    // After the window, the same person checks in with the code of that moment.
    const later = at("20:31:00");
    expect((await checkIn(t.db, person, await shown(meeting, later), later)).already).toBe(false);
  });
});
