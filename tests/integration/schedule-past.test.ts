import { DEMO_COHORT } from "../../demo/seed";
import { nextMeetingOf, participantAttendance, saveAttendance } from "../../app/services/attendance.server";
import { createMeeting, getMeeting, type MeetingInput } from "../../app/services/schedule.server";
import { isPastForParticipant } from "../../app/rules/attendance";
import { createTestDb, type TestDb } from "../support/db";
import { cohortByName, userByEmail } from "../support/factories";

/**
 * Issue 23 point 8: a meeting counts as past for the participant once their attendance is recorded
 * or its end time has passed, not only from the next day on. One rule (isPastForParticipant) for
 * the rooster (participantAttendance's `past`) and the home page's next meeting (nextMeetingOf).
 *
 * The day of the three lessons is far after the demo's meetings, so nothing else falls on it or later.
 */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(() => t.close());

const DAY = "2031-05-06";
const lesson = (title: string, startTime: string, endTime: string): MeetingInput => ({
  type: "les",
  title,
  date: DAY,
  startTime,
  endTime,
  location: "Vrijwilligersacademie",
  onlineUrl: null,
  trainerIds: [],
  trainingId: null,
  intervisieGroupId: null,
  programme: [{ minutes: 15, title: "welkom" }],
  assignment: null,
});

describe("today's meetings on the participant's rooster and home page", () => {
  let ids: { morning: number; afternoon: number; evening: number };
  let participant: { id: number };
  let cohortId: number;

  beforeAll(async () => {
    const cohort = await cohortByName(t.db, DEMO_COHORT);
    cohortId = cohort.id;
    const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
    participant = await userByEmail(t.db, "deelnemer1@leerlijn.test");
    ids = {
      morning: await createMeeting(t.db, cohort.id, lesson("Ochtendles", "09:00", "12:00"), trainer),
      afternoon: await createMeeting(t.db, cohort.id, lesson("Middagles", "13:30", "16:30"), trainer),
      evening: await createMeeting(t.db, cohort.id, lesson("Avondles", "18:00", "20:00"), trainer),
    };
    // The trainer records the morning lesson during the day: deelnemer1 came 20 minutes late.
    const meeting = (await getMeeting(t.db, cohort.id, ids.morning))!;
    await saveAttendance(
      t.db,
      meeting,
      { revision: 0, rows: [{ participantId: participant.id, status: "te_laat", minutesMissed: 20, active: true, note: null }] },
      trainer,
    );
  });

  const pastOf = async (time: string) => {
    const mine = (await participantAttendance(t.db, participant, { today: DAY, time }))!;
    return (id: number) => mine.meetings.find((s) => s.id === id)!;
  };

  it("a lesson of today with recorded attendance is past at once, with its status; the totals count it", async () => {
    const meeting = await pastOf("10:00");
    expect(meeting(ids.morning)).toMatchObject({ past: true, record: { status: "te_laat", minutes_missed: 20 } });
    expect(meeting(ids.afternoon).past).toBe(false);
    expect(meeting(ids.evening).past).toBe(false);
    const mine = (await participantAttendance(t.db, participant, { today: DAY, time: "10:00" }))!;
    expect(mine.summary.lines.find((l) => l.meetingId === ids.morning)).toMatchObject({ held: true, status: "te_laat", hours: 2.67 });
  });

  it("a lesson of today without a record is past once its end time has passed", async () => {
    expect((await pastOf("16:29"))(ids.afternoon).past).toBe(false);
    expect((await pastOf("16:30"))(ids.afternoon).past).toBe(true);
    expect((await pastOf("16:30"))(ids.evening).past).toBe(false);
  });

  it("the home page's next meeting follows the same rule", async () => {
    // Before the morning lesson ends, it is recorded already: the next one is the afternoon's.
    expect((await nextMeetingOf(t.db, participant.id, cohortId, { today: DAY, time: "10:00" }))?.id).toBe(ids.afternoon);
    expect((await nextMeetingOf(t.db, participant.id, cohortId, { today: DAY, time: "17:00" }))?.id).toBe(ids.evening);
    expect(await nextMeetingOf(t.db, participant.id, cohortId, { today: DAY, time: "20:00" })).toBeUndefined();
    // The day before, all three are ahead.
    expect((await nextMeetingOf(t.db, participant.id, cohortId, { today: "2031-05-05", time: "23:00" }))?.id).toBe(ids.morning);
  });

  it("the rooster and the home page agree for every meeting and moment", async () => {
    for (const time of ["08:00", "10:00", "12:00", "15:00", "16:30", "19:00", "20:00", "23:59"]) {
      const mine = (await participantAttendance(t.db, participant, { today: DAY, time }))!;
      const firstUpcoming = mine.meetings.find((s) => !s.past && s.status === "planned");
      expect((await nextMeetingOf(t.db, participant.id, cohortId, { today: DAY, time }))?.id).toBe(firstUpcoming?.id);
    }
  });
});

describe("isPastForParticipant", () => {
  const now = { today: "2026-11-18", time: "14:00" };
  it("an earlier day is past, a later day is not, whatever is recorded", () => {
    expect(isPastForParticipant({ date: "2026-11-17", endTime: "23:00" }, false, now)).toBe(true);
    expect(isPastForParticipant({ date: "2026-11-19", endTime: "09:00" }, true, now)).toBe(false);
  });
  it("today: past once recorded or ended", () => {
    expect(isPastForParticipant({ date: "2026-11-18", endTime: "16:00" }, false, now)).toBe(false);
    expect(isPastForParticipant({ date: "2026-11-18", endTime: "16:00" }, true, now)).toBe(true);
    expect(isPastForParticipant({ date: "2026-11-18", endTime: "14:00" }, false, now)).toBe(true);
  });
});
