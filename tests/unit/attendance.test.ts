import {
  type AttendanceFacts,
  type AttendanceRules,
  type MeetingFacts,
  checkMinutesMissed,
  countsAsAttended,
  DEFAULT_MAKEUP_ALLOWED,
  creditedHours,
  expectedOf,
  hoursDelivered,
  isExpected,
  isHeld,
  meetingHours,
  summarizeAttendance,
} from "../../app/rules/attendance";
import { makeupAllowedOf } from "../../app/rules/leerlijn-template";

const LOOSE: AttendanceRules = { countOnlyActive: false };
const STRICT: AttendanceRules = { countOnlyActive: true };

function meeting(over: Partial<MeetingFacts> & Pick<MeetingFacts, "id">): MeetingFacts {
  return { type: "les", date: "2026-09-07", startTime: "13:30", endTime: "16:00", cancelled: false, ...over };
}

function record(over: Partial<AttendanceFacts> & Pick<AttendanceFacts, "meetingId">): AttendanceFacts {
  return { status: "aanwezig", minutesMissed: 0, active: true, makeupDone: false, ...over };
}

describe("meetingHours", () => {
  it("measures start to end in hours", () => {
    expect(meetingHours({ startTime: "13:30", endTime: "16:00" })).toBe(2.5);
    expect(meetingHours({ startTime: "09:30", endTime: "12:15" })).toBe(2.75);
    expect(meetingHours({ startTime: "19:00", endTime: "19:20" })).toBe(0.33);
  });

  it("throws when the end is not after the start", () => {
    expect(() => meetingHours({ startTime: "16:00", endTime: "13:30" })).toThrow();
    expect(() => meetingHours({ startTime: "10:00", endTime: "10:00" })).toThrow();
  });

  it("throws on times that are not HH:MM 24h", () => {
    expect(() => meetingHours({ startTime: "9:30", endTime: "12:00" })).toThrow();
    expect(() => meetingHours({ startTime: "09:30", endTime: "24:00" })).toThrow();
    expect(() => meetingHours({ startTime: "09:60", endTime: "12:00" })).toThrow();
    expect(() => meetingHours({ startTime: "", endTime: "12:00" })).toThrow();
    expect(() => meetingHours({ startTime: "09:30", endTime: "12:00 " })).toThrow();
  });
});

describe("creditedHours", () => {
  const les = meeting({ id: 1 }); // 2.5 h

  it("credits the full meeting to someone present", () => {
    expect(creditedHours(les, record({ meetingId: 1 }))).toBe(2.5);
  });

  it("credits nothing without a record", () => {
    expect(creditedHours(les, undefined)).toBe(0);
  });

  it("takes the missed minutes off for a late arrival", () => {
    expect(creditedHours(les, record({ meetingId: 1, status: "te_laat", minutesMissed: 30 }))).toBe(2);
    expect(creditedHours(les, record({ meetingId: 1, status: "te_laat", minutesMissed: 10 }))).toBe(2.33);
  });

  it("never credits a negative amount when more minutes are missed than the meeting lasts", () => {
    expect(creditedHours(les, record({ meetingId: 1, status: "te_laat", minutesMissed: 150 }))).toBe(0);
    expect(creditedHours(les, record({ meetingId: 1, status: "te_laat", minutesMissed: 500 }))).toBe(0);
  });

  it("credits nothing for a cancelled meeting, whatever the record says", () => {
    const cancelled = meeting({ id: 1, cancelled: true });
    expect(creditedHours(cancelled, record({ meetingId: 1 }))).toBe(0);
    expect(creditedHours(cancelled, record({ meetingId: 1, status: "afwezig", makeupDone: true }))).toBe(0);
  });

  it("treats absence with notice as absence unless a make-up assignment was done", () => {
    expect(creditedHours(les, record({ meetingId: 1, status: "afgemeld" }))).toBe(0);
    expect(creditedHours(les, record({ meetingId: 1, status: "afwezig" }))).toBe(0);
    expect(creditedHours(les, record({ meetingId: 1, status: "afgemeld", makeupDone: true }))).toBe(2.5);
    expect(creditedHours(les, record({ meetingId: 1, status: "afwezig", makeupDone: true }))).toBe(2.5);
  });

  it("does not let the active mark change the hours", () => {
    expect(creditedHours(les, record({ meetingId: 1, active: false }))).toBe(2.5);
  });
});

describe("countsAsAttended", () => {
  it("counts present and late, not absent, without a record nothing", () => {
    expect(countsAsAttended(record({ meetingId: 1 }), LOOSE, "les")).toBe(true);
    expect(countsAsAttended(record({ meetingId: 1, status: "te_laat", minutesMissed: 20 }), LOOSE, "les")).toBe(true);
    expect(countsAsAttended(record({ meetingId: 1, status: "afgemeld" }), LOOSE, "les")).toBe(false);
    expect(countsAsAttended(record({ meetingId: 1, status: "afwezig" }), LOOSE, "les")).toBe(false);
    expect(countsAsAttended(undefined, LOOSE, "les")).toBe(false);
    expect(countsAsAttended(undefined, STRICT, "les")).toBe(false);
  });

  it("needs the active mark only when the rules ask for active attendance", () => {
    const passive = record({ meetingId: 1, active: false });
    expect(countsAsAttended(passive, LOOSE, "les")).toBe(true);
    expect(countsAsAttended(passive, STRICT, "les")).toBe(false);
    expect(countsAsAttended(record({ meetingId: 1, status: "te_laat", active: false }), STRICT, "les")).toBe(false);
    expect(countsAsAttended(record({ meetingId: 1, active: true }), STRICT, "les")).toBe(true);
  });

  it("counts a done make-up assignment as attended, even under the active rule", () => {
    expect(countsAsAttended(record({ meetingId: 1, status: "afwezig", makeupDone: true, active: false }), STRICT, "les")).toBe(true);
    expect(countsAsAttended(record({ meetingId: 1, status: "afgemeld", makeupDone: true, active: false }), LOOSE, "les")).toBe(true);
  });
});

describe("isExpected and isHeld", () => {
  it("expects meetings from the joining date on, and never a cancelled one", () => {
    expect(isExpected(meeting({ id: 1, date: "2026-09-07" }), "2026-09-07")).toBe(true);
    expect(isExpected(meeting({ id: 1, date: "2026-09-06" }), "2026-09-07")).toBe(false);
    expect(isExpected(meeting({ id: 1, date: "2026-10-01" }), "2026-09-07")).toBe(true);
    expect(isExpected(meeting({ id: 1, date: "2026-10-01", cancelled: true }), "2026-09-07")).toBe(false);
  });

  it("expects lessons of everyone, trainings and intervisie of those who take part, up to the day someone left", () => {
    const member = { trainingIds: new Set([7]), groupIds: new Set([3]), leftOn: null };
    const lesson = { type: "les" as const, date: "2026-10-01", training_id: null, intervisie_group_id: null };
    const training = { type: "training" as const, date: "2026-10-01", training_id: 7, intervisie_group_id: null };
    const intervisie = { type: "intervisie" as const, date: "2026-10-01", training_id: null, intervisie_group_id: 3 };
    expect([lesson, training, intervisie].map((s) => expectedOf(s, member))).toEqual([true, true, true]);
    expect(expectedOf({ ...training, training_id: 8 }, member)).toBe(false);
    expect(expectedOf({ ...intervisie, intervisie_group_id: 4 }, member)).toBe(false);
    // Left on 1 October: still expected that day, not after.
    const left = { ...member, leftOn: "2026-10-01" };
    expect([lesson, training, intervisie].map((s) => expectedOf(s, left))).toEqual([true, true, true]);
    expect([lesson, training, intervisie].map((s) => expectedOf({ ...s, date: "2026-10-02" }, left))).toEqual([false, false, false]);
  });

  it("holds meetings up to and including today", () => {
    expect(isHeld(meeting({ id: 1, date: "2026-09-07" }), "2026-09-07")).toBe(true);
    expect(isHeld(meeting({ id: 1, date: "2026-09-06" }), "2026-09-07")).toBe(true);
    expect(isHeld(meeting({ id: 1, date: "2026-09-08" }), "2026-09-07")).toBe(false);
  });
});

describe("summarizeAttendance", () => {
  const opts = { joinedOn: "2026-09-01", today: "2026-12-31", rules: LOOSE };

  it("gives null rates and zero hours when nothing has been held", () => {
    const s = summarizeAttendance([meeting({ id: 1, date: "2027-01-10" })], [record({ meetingId: 1 })], opts);
    expect(s.perType.les).toEqual({ held: 0, attended: 0, rate: null, hours: 0 });
    expect(s.perType.training.rate).toBeNull();
    expect(s.perType.intervisie.rate).toBeNull();
    expect(s.lessonsAndTrainings.rate).toBeNull();
    expect(s.learningHours).toBe(0);
    expect(s.intervisieAttended).toBe(0);
  });

  it("leaves future meetings out of rates and hours but lists them as not held", () => {
    const meetings = [meeting({ id: 1, date: "2026-12-01" }), meeting({ id: 2, date: "2027-01-10" })];
    const records = [record({ meetingId: 1 }), record({ meetingId: 2 })];
    const s = summarizeAttendance(meetings, records, opts);
    expect(s.perType.les).toEqual({ held: 1, attended: 1, rate: 1, hours: 2.5 });
    expect(s.learningHours).toBe(2.5);
    const future = s.lines.find((l) => l.meetingId === 2);
    expect(future).toMatchObject({ held: false, expected: true, hours: 0, attended: false, status: "aanwezig" });
  });

  it("counts today's meeting once its attendance is recorded, not as missed before that", () => {
    const today = { ...opts, today: "2026-10-08" };
    const meetings = [meeting({ id: 1, date: "2026-10-01" }), meeting({ id: 2, date: "2026-10-08" })];
    const before = summarizeAttendance(meetings, [record({ meetingId: 1 })], today);
    expect(before.perType.les).toEqual({ held: 1, attended: 1, rate: 1, hours: 2.5 });
    const recorded = summarizeAttendance(meetings, [record({ meetingId: 1 }), record({ meetingId: 2, status: "afwezig" })], today);
    expect(recorded.perType.les).toEqual({ held: 2, attended: 1, rate: 0.5, hours: 2.5 });
    // Yesterday's unrecorded meeting does count: a missing record is a miss once the day is over.
    const nextDay = summarizeAttendance(meetings, [record({ meetingId: 1 })], { ...opts, today: "2026-10-09" });
    expect(nextDay.perType.les.held).toBe(2);
  });

  it("does not count a cancelled meeting anywhere, even with a record", () => {
    const meetings = [meeting({ id: 1, date: "2026-10-01" }), meeting({ id: 2, date: "2026-10-08", cancelled: true })];
    const records = [record({ meetingId: 1 }), record({ meetingId: 2 })];
    const s = summarizeAttendance(meetings, records, opts);
    expect(s.perType.les).toEqual({ held: 1, attended: 1, rate: 1, hours: 2.5 });
    expect(s.lessonsAndTrainings.held).toBe(1);
    expect(s.learningHours).toBe(2.5);
    expect(s.lines.find((l) => l.meetingId === 2)).toMatchObject({
      cancelled: true,
      expected: false,
      hours: 0,
      attended: false,
    });
  });

  it("does not expect meetings from before a late join, so they stay out of the rate", () => {
    const meetings = [meeting({ id: 1, date: "2026-09-07" }), meeting({ id: 2, date: "2026-09-14" }), meeting({ id: 3, date: "2026-09-21" })];
    // Joined on the 14th: attended the 14th, missed the 21st; no record for the 7th.
    const records = [record({ meetingId: 2 }), record({ meetingId: 3, status: "afwezig" })];
    const s = summarizeAttendance(meetings, records, { ...opts, joinedOn: "2026-09-14" });
    expect(s.perType.les).toEqual({ held: 2, attended: 1, rate: 0.5, hours: 2.5 });
    expect(s.lines.find((l) => l.meetingId === 1)).toMatchObject({ expected: false, held: true, hours: 0, status: null });
    // Had they been there from the start, the missed first lesson would count against them.
    const early = summarizeAttendance(meetings, records, { ...opts, joinedOn: "2026-09-01" });
    expect(early.perType.les.held).toBe(3);
    expect(early.perType.les.rate).toBeCloseTo(1 / 3);
  });

  it("credits hours for a meeting attended before joining only when expected", () => {
    const meetings = [meeting({ id: 1, date: "2026-09-07" })];
    const s = summarizeAttendance(meetings, [record({ meetingId: 1 })], { ...opts, joinedOn: "2026-09-08" });
    expect(s.learningHours).toBe(0);
    expect(s.lines[0].attended).toBe(false);
  });

  it("counts a make-up assignment as attended with full hours, and marks the line as made up", () => {
    const meetings = [meeting({ id: 1, date: "2026-10-01" }), meeting({ id: 2, date: "2026-10-08" })];
    const records = [record({ meetingId: 1, status: "afwezig", makeupDone: true, active: false }), record({ meetingId: 2, status: "afgemeld" })];
    const s = summarizeAttendance(meetings, records, opts);
    expect(s.perType.les).toEqual({ held: 2, attended: 1, rate: 0.5, hours: 2.5 });
    expect(s.lines[0]).toMatchObject({ meetingId: 1, madeUp: true, attended: true, hours: 2.5, status: "afwezig" });
    expect(s.lines[1]).toMatchObject({ meetingId: 2, madeUp: false, attended: false, hours: 0, status: "afgemeld" });
  });

  it("applies the active rule to the rate but not to the hours", () => {
    const meetings = [meeting({ id: 1, date: "2026-10-01" }), meeting({ id: 2, date: "2026-10-08" })];
    const records = [record({ meetingId: 1, active: true }), record({ meetingId: 2, active: false })];
    const loose = summarizeAttendance(meetings, records, { ...opts, rules: LOOSE });
    const strict = summarizeAttendance(meetings, records, { ...opts, rules: STRICT });
    expect(loose.perType.les).toEqual({ held: 2, attended: 2, rate: 1, hours: 5 });
    expect(strict.perType.les).toEqual({ held: 2, attended: 1, rate: 0.5, hours: 5 });
    expect(strict.learningHours).toBe(5);
    expect(strict.lines.map((l) => l.active)).toEqual([true, false]);
  });

  it("combines lessons and trainings for the rate, keeps intervisie apart, and sums hours over all types", () => {
    const meetings = [
      meeting({ id: 1, type: "les", date: "2026-10-01" }), // 2.5 h, present
      meeting({ id: 2, type: "training", date: "2026-10-02", startTime: "10:00", endTime: "12:00" }), // 2 h, absent
      meeting({ id: 3, type: "training", date: "2026-10-03", startTime: "10:00", endTime: "11:30" }), // 1.5 h, late 15
      meeting({ id: 4, type: "intervisie", date: "2026-10-04", startTime: "19:00", endTime: "21:00" }), // 2 h, present
      meeting({ id: 5, type: "intervisie", date: "2026-10-05", startTime: "19:00", endTime: "21:00" }), // 2 h, afgemeld
    ];
    const records = [
      record({ meetingId: 1 }),
      record({ meetingId: 2, status: "afwezig" }),
      record({ meetingId: 3, status: "te_laat", minutesMissed: 15 }),
      record({ meetingId: 4 }),
      record({ meetingId: 5, status: "afgemeld" }),
    ];
    const s = summarizeAttendance(meetings, records, opts);
    expect(s.perType.les).toEqual({ held: 1, attended: 1, rate: 1, hours: 2.5 });
    expect(s.perType.training).toEqual({ held: 2, attended: 1, rate: 0.5, hours: 1.25 });
    expect(s.perType.intervisie).toEqual({ held: 2, attended: 1, rate: 0.5, hours: 2 });
    expect(s.lessonsAndTrainings).toEqual({ held: 3, attended: 2, rate: 2 / 3, hours: 3.75 });
    expect(s.intervisieAttended).toBe(1);
    expect(s.learningHours).toBe(5.75);
  });

  it("counts intervisie attended under the active rule and with make-up", () => {
    const meetings = [1, 2, 3, 4].map((id) => meeting({ id, type: "intervisie", date: `2026-10-0${id}`, startTime: "19:00", endTime: "21:00" }));
    const records = [
      record({ meetingId: 1, active: true }),
      record({ meetingId: 2, active: false }),
      record({ meetingId: 3, status: "afgemeld", makeupDone: true }),
      // meeting 4: no record
    ];
    // The make-up of meeting 3 counts only where the template allows it for intervisie (not by default).
    const allowed = { les: true, training: true, intervisie: true };
    expect(summarizeAttendance(meetings, records, { ...opts, rules: { ...LOOSE, makeupAllowed: allowed } }).intervisieAttended).toBe(3);
    expect(summarizeAttendance(meetings, records, { ...opts, rules: { ...STRICT, makeupAllowed: allowed } }).intervisieAttended).toBe(2);
    expect(summarizeAttendance(meetings, records, { ...opts, rules: LOOSE }).intervisieAttended).toBe(2);
    expect(summarizeAttendance(meetings, records, { ...opts, rules: STRICT }).intervisieAttended).toBe(1);
  });

  it("lists every meeting given, in date and start-time order, whatever order they came in", () => {
    const meetings = [
      meeting({ id: 10, date: "2026-10-08", startTime: "09:00", endTime: "10:00" }),
      meeting({ id: 11, date: "2026-10-01", startTime: "13:30", endTime: "16:00" }),
      meeting({ id: 12, date: "2027-02-01", startTime: "09:00", endTime: "10:00" }),
      meeting({ id: 13, date: "2026-10-01", startTime: "09:30", endTime: "12:15", cancelled: true }),
      meeting({ id: 14, date: "2026-08-01", startTime: "09:00", endTime: "10:00" }),
    ];
    const s = summarizeAttendance(meetings, [], opts);
    expect(s.lines.map((l) => l.meetingId)).toEqual([14, 13, 11, 10, 12]);
    expect(s.lines.map((l) => l.date)).toEqual(["2026-08-01", "2026-10-01", "2026-10-01", "2026-10-08", "2027-02-01"]);
    expect(meetings.map((x) => x.id)).toEqual([10, 11, 12, 13, 14]); // input not mutated
  });

  it("orders meetings at the same date and time by id", () => {
    const meetings = [
      meeting({ id: 7, type: "training", date: "2026-10-01" }),
      meeting({ id: 3, type: "training", date: "2026-10-01" }),
      meeting({ id: 5, type: "training", date: "2026-10-01" }),
    ];
    expect(summarizeAttendance(meetings, [], opts).lines.map((l) => l.meetingId)).toEqual([3, 5, 7]);
  });

  it("fills a line from the meeting and the record, with nulls where there is no record", () => {
    const meetings = [meeting({ id: 1, type: "training", date: "2026-10-01" }), meeting({ id: 2, type: "les", date: "2026-10-02" })];
    const records = [record({ meetingId: 1, status: "te_laat", minutesMissed: 30, active: false })];
    const s = summarizeAttendance(meetings, records, opts);
    expect(s.lines).toEqual([
      {
        meetingId: 1,
        type: "training",
        date: "2026-10-01",
        cancelled: false,
        expected: true,
        held: true,
        status: "te_laat",
        hours: 2,
        attended: true,
        madeUp: false,
        active: false,
        excused: false,
      },
      {
        meetingId: 2,
        type: "les",
        date: "2026-10-02",
        cancelled: false,
        expected: true,
        held: true,
        status: null,
        hours: 0,
        attended: false,
        madeUp: false,
        active: null,
        excused: false,
      },
    ]);
    expect(s.perType.les).toEqual({ held: 1, attended: 0, rate: 0, hours: 0 });
  });

  it("ignores records for meetings it was not given", () => {
    const s = summarizeAttendance([meeting({ id: 1, date: "2026-10-01" })], [record({ meetingId: 99 })], opts);
    expect(s.perType.les).toEqual({ held: 1, attended: 0, rate: 0, hours: 0 });
    expect(s.lines).toHaveLength(1);
  });

  it("rounds summed hours to 2 decimals", () => {
    // three meetings of 20 minutes = 0.33 h each
    const meetings = [1, 2, 3].map((id) => meeting({ id, date: `2026-10-0${id}`, startTime: "19:00", endTime: "19:20" }));
    const s = summarizeAttendance(
      meetings,
      meetings.map((x) => record({ meetingId: x.id })),
      opts,
    );
    expect(s.learningHours).toBe(0.99);
    expect(s.perType.les.hours).toBe(0.99);
  });
});

describe("checkMinutesMissed", () => {
  const s = { startTime: "13:30", endTime: "16:00" }; // 150 minutes

  it("accepts whole minutes from 0 up to the meeting length", () => {
    expect(checkMinutesMissed(s, 0)).toBeNull();
    expect(checkMinutesMissed(s, 45)).toBeNull();
    expect(checkMinutesMissed(s, 150)).toBeNull();
  });

  it("names what is wrong", () => {
    expect(checkMinutesMissed(s, -1)).toBe("minutes.negative");
    expect(checkMinutesMissed(s, 151)).toBe("minutes.tooMany");
    expect(checkMinutesMissed(s, 12.5)).toBe("minutes.notInteger");
    expect(checkMinutesMissed(s, Number.NaN)).toBe("minutes.notInteger");
  });
});

describe("hoursDelivered", () => {
  const s = (type: "les" | "training" | "intervisie", date: string, startTime: string, endTime: string, cancelled = false) => ({
    type,
    date,
    startTime,
    endTime,
    cancelled,
  });

  it("counts held meetings per type, and leaves out cancelled and future ones", () => {
    const h = hoursDelivered(
      [
        s("les", "2026-03-02", "09:30", "12:30"),
        s("les", "2026-03-09", "09:30", "12:30"),
        s("les", "2026-03-16", "09:30", "12:30", true),
        s("training", "2026-03-03", "13:00", "16:30"),
        s("intervisie", "2026-03-04", "10:00", "11:30"),
        s("intervisie", "2026-03-11", "10:00", "11:30"),
        s("les", "2026-03-23", "09:30", "12:30"),
      ],
      "2026-03-16",
    );
    expect(h).toEqual({ les: 6, training: 3.5, intervisie: 3, total: 12.5 });
  });

  it("counts a meeting on today's date as held", () => {
    expect(hoursDelivered([s("les", "2026-03-16", "09:00", "10:20")], "2026-03-16")).toEqual({ les: 1.33, training: 0, intervisie: 0, total: 1.33 });
  });

  it("rounds per time slot, the same whatever order the meetings come in", () => {
    const meetings = [
      s("les", "2026-01-05", "09:00", "10:20"),
      s("les", "2026-01-12", "09:00", "10:20"),
      s("les", "2026-01-19", "09:00", "10:20"),
      s("training", "2026-01-06", "13:00", "13:50"),
    ];
    const forward = hoursDelivered(meetings, "2026-02-01");
    expect(forward).toEqual({ les: 3.99, training: 0.83, intervisie: 0, total: 4.82 });
    expect(hoursDelivered([...meetings].reverse(), "2026-02-01")).toEqual(forward);
  });

  it("is zero without meetings", () => {
    expect(hoursDelivered([], "2026-02-01")).toEqual({ les: 0, training: 0, intervisie: 0, total: 0 });
  });
});

describe("make-up per meeting type (the leerlijn template decides)", () => {
  const intervisie = { id: 9, type: "intervisie" as const, date: "2026-03-02", startTime: "10:00", endTime: "12:00", cancelled: false };
  const madeUp = record({ meetingId: 9, status: "afgemeld", makeupDone: true });

  it("does not let a make-up replace active presence at intervisie by default", () => {
    expect(DEFAULT_MAKEUP_ALLOWED).toEqual({ les: true, training: true, intervisie: false });
    expect(countsAsAttended(madeUp, LOOSE, "intervisie")).toBe(false);
    expect(creditedHours(intervisie, madeUp)).toBe(0);
    const summary = summarizeAttendance([intervisie], [madeUp], { joinedOn: "2026-01-01", today: "2026-06-01", rules: STRICT });
    expect(summary.lines[0]).toMatchObject({ attended: false, hours: 0, madeUp: false });
    expect(summary.intervisieAttended).toBe(0);
    // Lessons and trainings keep counting a make-up.
    expect(countsAsAttended(madeUp, LOOSE, "les")).toBe(true);
    expect(countsAsAttended(madeUp, LOOSE, "training")).toBe(true);
  });

  it("counts it where the template allows it", () => {
    const rules = { ...STRICT, makeupAllowed: { les: true, training: true, intervisie: true } };
    expect(countsAsAttended(madeUp, rules, "intervisie")).toBe(true);
    expect(creditedHours(intervisie, madeUp, rules)).toBe(2);
    expect(summarizeAttendance([intervisie], [madeUp], { joinedOn: "2026-01-01", today: "2026-06-01", rules }).intervisieAttended).toBe(1);
    const noLessons = { ...STRICT, makeupAllowed: { les: false, training: true, intervisie: false } };
    expect(countsAsAttended(madeUp, noLessons, "les")).toBe(false);
  });

  it("reads the setting from the template's meeting types, with the default where it is missing", () => {
    expect(
      makeupAllowedOf({
        sessionTypes: [
          { code: "les", name: "Les", description: "" },
          { code: "intervisie", name: "Intervisie", description: "", makeupAllowed: true },
        ],
      }),
    ).toEqual({ les: true, training: true, intervisie: true });
    expect(makeupAllowedOf({ sessionTypes: [{ code: "training", name: "Training", description: "", makeupAllowed: false }] })).toEqual({
      les: true,
      training: false,
      intervisie: false,
    });
  });
});
