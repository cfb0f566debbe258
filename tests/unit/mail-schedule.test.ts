import {
  addDays,
  assignmentReminderDue,
  changeIsUpcoming,
  daysBetween,
  digestWeekDue,
  isoWeek,
  isoWeekday,
  meetingChange,
  meetingTomorrowDue,
  remindersOpen,
  supervisorReminderAt,
  type MeetingState,
} from "../../app/rules/mail-schedule";

/** When scheduled mail is due (issue 28, point 3): Amsterdam time, across the daylight-saving change. */

describe("dates", () => {
  it("adds and counts days across the daylight-saving change", () => {
    expect(addDays("2026-10-24", 2)).toBe("2026-10-26");
    expect(addDays("2027-03-27", 2)).toBe("2027-03-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysBetween("2026-10-24", "2026-10-26")).toBe(2);
    expect(daysBetween("2026-12-08", "2026-12-06")).toBe(-2);
  });

  it("names ISO weekdays and weeks (the week belongs to the year of its Thursday)", () => {
    expect(isoWeekday("2026-12-07")).toBe(1);
    expect(isoWeekday("2026-12-06")).toBe(7);
    expect(isoWeek("2026-12-07")).toBe("2026-W50");
    expect(isoWeek("2026-12-06")).toBe("2026-W49");
    expect(isoWeek("2027-01-01")).toBe("2026-W53");
    expect(isoWeek("2027-01-04")).toBe("2027-W01");
    expect(isoWeek("2024-12-30")).toBe("2025-W01");
  });
});

describe("reminders to people", () => {
  it("are not sent before 08:00 Amsterdam time, in winter and in summer", () => {
    expect(remindersOpen(new Date("2026-12-07T06:59:00Z"))).toBe(false); // 07:59 CET
    expect(remindersOpen(new Date("2026-12-07T07:00:00Z"))).toBe(true); // 08:00 CET
    expect(remindersOpen(new Date("2026-06-01T05:59:00Z"))).toBe(false); // 07:59 CEST
    expect(remindersOpen(new Date("2026-06-01T06:00:00Z"))).toBe(true); // 08:00 CEST
  });

  it("a meeting tomorrow: on the day before, from 08:00, by the Amsterdam date", () => {
    expect(meetingTomorrowDue(new Date("2026-12-07T07:00:00Z"), "2026-12-08")).toBe(true);
    expect(meetingTomorrowDue(new Date("2026-12-07T06:30:00Z"), "2026-12-08")).toBe(false);
    expect(meetingTomorrowDue(new Date("2026-12-07T07:00:00Z"), "2026-12-07")).toBe(false);
    expect(meetingTomorrowDue(new Date("2026-12-07T07:00:00Z"), "2026-12-09")).toBe(false);
    // 23:30 UTC on the 7th is already the 8th in Amsterdam: the meeting on the 8th is today.
    expect(meetingTomorrowDue(new Date("2026-12-07T23:30:00Z"), "2026-12-08")).toBe(false);
    // … and 00:30 is too early for the meeting on the 9th: that one waits until 08:00.
    expect(meetingTomorrowDue(new Date("2026-12-07T23:30:00Z"), "2026-12-09")).toBe(false);
    expect(meetingTomorrowDue(new Date("2026-12-08T07:00:00Z"), "2026-12-09")).toBe(true);
  });

  it("an oefenopdracht: 2 days before the deadline, or 1 when that was missed; never on the day or after", () => {
    const at = new Date("2026-12-07T09:00:00Z");
    expect(assignmentReminderDue(at, "2026-12-10")).toBe(false);
    expect(assignmentReminderDue(at, "2026-12-09")).toBe(true);
    expect(assignmentReminderDue(at, "2026-12-08")).toBe(true);
    expect(assignmentReminderDue(at, "2026-12-07")).toBe(false);
    expect(assignmentReminderDue(at, "2026-12-01")).toBe(false);
    expect(assignmentReminderDue(at, null)).toBe(false);
    expect(assignmentReminderDue(new Date("2026-12-07T06:00:00Z"), "2026-12-09")).toBe(false);
  });
});

describe("the trainers' digest", () => {
  it("is due on Monday from 08:00 Amsterdam time, named by its ISO week", () => {
    expect(digestWeekDue(new Date("2026-12-06T19:00:00Z"))).toBeNull(); // Sunday
    expect(digestWeekDue(new Date("2026-12-06T23:30:00Z"))).toBeNull(); // Monday 00:30 in Amsterdam
    expect(digestWeekDue(new Date("2026-12-07T06:59:00Z"))).toBeNull(); // Monday 07:59
    expect(digestWeekDue(new Date("2026-12-07T07:00:00Z"))).toBe("2026-W50");
    expect(digestWeekDue(new Date("2026-12-07T22:59:00Z"))).toBe("2026-W50"); // Monday 23:59
    expect(digestWeekDue(new Date("2026-12-08T07:00:00Z"))).toBeNull(); // Tuesday
    // Summer time: Monday 08:00 CEST is 06:00 UTC.
    expect(digestWeekDue(new Date("2026-06-01T06:00:00Z"))).toBe("2026-W23");
    expect(digestWeekDue(new Date("2026-06-01T05:59:00Z"))).toBeNull();
  });
});

describe("the werkbegeleider's reminder", () => {
  it("comes 7 days after the request, only when the link still works then", () => {
    expect(supervisorReminderAt("2026-11-01T10:00:00.000Z", "2026-11-29T10:00:00.000Z")?.toISOString()).toBe("2026-11-08T10:00:00.000Z");
    expect(supervisorReminderAt("2026-11-01T10:00:00.000Z", "2026-11-08T10:00:00.000Z")).toBeNull();
    expect(supervisorReminderAt("2026-11-01T10:00:00.000Z", "2026-11-05T10:00:00.000Z")).toBeNull();
  });
});

describe("a change of a meeting", () => {
  const base: MeetingState = { status: "planned", date: "2026-12-10", start_time: "10:00", end_time: "12:00", location: "Buurthuis", online_url: null };

  it("is 'changed' when the day, a time, the place or the online link changes", () => {
    expect(meetingChange(base, { ...base, date: "2026-12-11" })).toBe("changed");
    expect(meetingChange(base, { ...base, start_time: "10:30" })).toBe("changed");
    expect(meetingChange(base, { ...base, end_time: "12:30" })).toBe("changed");
    expect(meetingChange(base, { ...base, location: "Bibliotheek" })).toBe("changed");
    expect(meetingChange(base, { ...base, online_url: "https://meet.example/x" })).toBe("changed");
  });

  it("is nothing when what people need to know stays the same", () => {
    expect(meetingChange(base, { ...base })).toBeNull();
    expect(meetingChange({ ...base, status: "cancelled" }, { ...base, status: "cancelled", date: "2026-12-11" })).toBeNull();
  });

  it("is 'cancelled' when it no longer goes on, and 'changed' when it goes on again", () => {
    expect(meetingChange(base, { ...base, status: "cancelled" })).toBe("cancelled");
    expect(meetingChange({ ...base, status: "cancelled" }, base)).toBe("changed");
  });

  it("only counts when the old or the new day is today or later", () => {
    expect(changeIsUpcoming("2026-12-07", "2026-12-01", "2026-12-02")).toBe(false);
    expect(changeIsUpcoming("2026-12-07", "2026-12-01", "2026-12-07")).toBe(true);
    expect(changeIsUpcoming("2026-12-07", "2026-12-09", "2026-12-02")).toBe(true);
  });
});
