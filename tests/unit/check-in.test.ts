import {
  acceptsCheckInCode,
  checkInCode,
  checkInOpen,
  CHECK_IN_ALPHABET,
  CHECK_IN_CODE_LENGTH,
  minuteOf,
  normaliseCheckInCode,
  secondsLeftInMinute,
} from "../../app/rules/check-in";

const KEY = "server-secret:meeting-secret";
const OTHER_KEY = "server-secret:another-meeting-secret";
const MEETING = 41;
/** 13:27:40 in Amsterdam (winter time) on the meeting's day. */
const NOW = new Date("2030-03-05T13:27:40+01:00");
const lesson = { date: "2030-03-05", start_time: "13:30", end_time: "16:30", status: "planned" };
const at = (iso: string) => new Date(iso);
const codeAt = (moment: Date, meetingId = MEETING, key = KEY) => checkInCode(key, meetingId, minuteOf(moment));

describe("check-in codes", () => {
  it("are six characters from the unambiguous alphabet, and change every minute", () => {
    const code = codeAt(NOW);
    expect(code).toHaveLength(CHECK_IN_CODE_LENGTH);
    expect([...code].every((c) => CHECK_IN_ALPHABET.includes(c))).toBe(true);
    expect(CHECK_IN_ALPHABET).not.toMatch(/[0O1IL5S8B]/);
    // Same minute, same code; the next minute, another.
    expect(codeAt(at("2030-03-05T13:27:00+01:00"))).toBe(code);
    expect(codeAt(at("2030-03-05T13:27:59.999+01:00"))).toBe(code);
    expect(codeAt(at("2030-03-05T13:28:00+01:00"))).not.toBe(code);
  });

  it("accept the code of this minute and of the minute before, typed in any case and with spaces", () => {
    expect(acceptsCheckInCode(KEY, MEETING, codeAt(NOW), NOW)).toBe(true);
    const previous = codeAt(at("2030-03-05T13:26:05+01:00"));
    expect(acceptsCheckInCode(KEY, MEETING, previous, NOW)).toBe(true);
    const typed = ` ${previous.slice(0, 3).toLowerCase()} - ${previous.slice(3)} `;
    expect(normaliseCheckInCode(typed)).toBe(previous);
    expect(acceptsCheckInCode(KEY, MEETING, typed, NOW)).toBe(true);
  });

  it("refuse a code two minutes old, an hour old, or from a minute still to come", () => {
    expect(acceptsCheckInCode(KEY, MEETING, codeAt(at("2030-03-05T13:25:59+01:00")), NOW)).toBe(false);
    expect(acceptsCheckInCode(KEY, MEETING, codeAt(at("2030-03-05T12:27:40+01:00")), NOW)).toBe(false);
    expect(acceptsCheckInCode(KEY, MEETING, codeAt(at("2030-03-05T13:28:10+01:00")), NOW)).toBe(false);
  });

  it("refuse another meeting's code (another id, or another meeting's secret), and anything not a code", () => {
    expect(acceptsCheckInCode(KEY, MEETING, codeAt(NOW, MEETING + 1), NOW)).toBe(false);
    expect(acceptsCheckInCode(KEY, MEETING, codeAt(NOW, MEETING, OTHER_KEY), NOW)).toBe(false);
    expect(acceptsCheckInCode(KEY, MEETING, "", NOW)).toBe(false);
    expect(acceptsCheckInCode(KEY, MEETING, codeAt(NOW).slice(0, 5), NOW)).toBe(false);
    expect(acceptsCheckInCode(KEY, MEETING, `${codeAt(NOW)}A`, NOW)).toBe(false);
  });

  it("tell the seconds left in the minute", () => {
    expect(secondsLeftInMinute(NOW)).toBe(20);
    expect(secondsLeftInMinute(at("2030-03-05T13:27:00+01:00"))).toBe(60);
    expect(secondsLeftInMinute(at("2030-03-05T13:27:59.5+01:00"))).toBe(1);
  });
});

describe("the check-in window", () => {
  it("opens 15 minutes before the start and closes at the end, Amsterdam wall-clock time", () => {
    expect(checkInOpen(lesson, at("2030-03-05T13:14:59+01:00"))).toBe(false);
    expect(checkInOpen(lesson, at("2030-03-05T13:15:00+01:00"))).toBe(true);
    expect(checkInOpen(lesson, at("2030-03-05T16:29:59+01:00"))).toBe(true);
    expect(checkInOpen(lesson, at("2030-03-05T16:30:00+01:00"))).toBe(false);
    // The same wall-clock times in summer time (UTC+2).
    const summer = { ...lesson, date: "2030-06-04" };
    expect(checkInOpen(summer, at("2030-06-04T11:15:00Z"))).toBe(true);
    expect(checkInOpen(summer, at("2030-06-04T11:14:00Z"))).toBe(false);
  });

  it("is closed on another day and for a cancelled meeting", () => {
    expect(checkInOpen(lesson, at("2030-03-04T14:00:00+01:00"))).toBe(false);
    expect(checkInOpen(lesson, at("2030-03-12T14:00:00+01:00"))).toBe(false);
    expect(checkInOpen({ ...lesson, status: "cancelled" }, at("2030-03-05T14:00:00+01:00"))).toBe(false);
  });
});
