import { addCalendarDays, amsterdamMoment, parseSkipList, seriesDates } from "../../app/rules/series";

describe("series of meetings (issue 29 point 6)", () => {
  it("steps a week or two weeks on the calendar, exactly count times", () => {
    expect(seriesDates({ firstDate: "2026-09-01", everyWeeks: 1, count: 3, skip: [] })).toEqual({
      dates: ["2026-09-01", "2026-09-08", "2026-09-15"],
      skipped: [],
    });
    expect(seriesDates({ firstDate: "2026-09-01", everyWeeks: 2, count: 3, skip: [] }).dates).toEqual(["2026-09-01", "2026-09-15", "2026-09-29"]);
  });

  it("leaves out skipped days and goes on, so the series keeps its number of meetings", () => {
    // Herfstvakantie Noord 2026: 17–25 October. Tuesday 20 October falls in it.
    const skip = parseSkipList("2026-10-17 t/m 2026-10-25");
    expect(skip.ok).toBe(true);
    const plan = seriesDates({ firstDate: "2026-09-29", everyWeeks: 1, count: 10, skip: skip.ok ? skip.days : [] });
    expect(plan.dates).toHaveLength(10);
    expect(plan.skipped).toEqual(["2026-10-20"]);
    expect(plan.dates).not.toContain("2026-10-20");
    expect(plan.dates[0]).toBe("2026-09-29");
    expect(plan.dates.at(-1)).toBe("2026-12-08"); // one week later than without the holiday
    // A skip day off the rhythm changes nothing.
    expect(seriesDates({ firstDate: "2026-09-29", everyWeeks: 1, count: 4, skip: ["2026-10-01"] }).dates).toEqual(
      seriesDates({ firstDate: "2026-09-29", everyWeeks: 1, count: 4, skip: [] }).dates,
    );
    // Every two weeks: a skipped day that is on the rhythm moves the rest on by two weeks.
    expect(seriesDates({ firstDate: "2026-09-29", everyWeeks: 2, count: 3, skip: ["2026-10-13"] })).toEqual({
      dates: ["2026-09-29", "2026-10-27", "2026-11-10"],
      skipped: ["2026-10-13"],
    });
  });

  it("keeps the Amsterdam wall-clock time across the change to winter time and to summer time", () => {
    // Summer time ends on Sunday 25 October 2026: Tuesday 13:30 is 11:30 UTC before, 12:30 UTC after.
    const { dates } = seriesDates({ firstDate: "2026-10-20", everyWeeks: 1, count: 2, skip: [] });
    expect(dates).toEqual(["2026-10-20", "2026-10-27"]);
    expect(amsterdamMoment(dates[0], "13:30").toISOString()).toBe("2026-10-20T11:30:00.000Z");
    expect(amsterdamMoment(dates[1], "13:30").toISOString()).toBe("2026-10-27T12:30:00.000Z");
    // Summer time starts on Sunday 29 March 2026.
    const spring = seriesDates({ firstDate: "2026-03-24", everyWeeks: 1, count: 2, skip: [] }).dates;
    expect(spring).toEqual(["2026-03-24", "2026-03-31"]);
    expect(amsterdamMoment(spring[0], "09:00").toISOString()).toBe("2026-03-24T08:00:00.000Z");
    expect(amsterdamMoment(spring[1], "09:00").toISOString()).toBe("2026-03-31T07:00:00.000Z");
    // A series that starts on the very day of the change still lands on the same weekday.
    expect(seriesDates({ firstDate: "2026-10-25", everyWeeks: 1, count: 2, skip: [] }).dates).toEqual(["2026-10-25", "2026-11-01"]);
  });

  it("steps over month and year ends and leap days", () => {
    expect(addCalendarDays("2026-12-29", 7)).toBe("2027-01-05");
    expect(addCalendarDays("2028-02-24", 7)).toBe("2028-03-02");
    expect(addCalendarDays("2028-02-22", 7)).toBe("2028-02-29");
  });

  it("reads the skip list the way people type it", () => {
    expect(parseSkipList("")).toEqual({ ok: true, days: [] });
    expect(parseSkipList("2026-12-25\n26-12-2026")).toEqual({ ok: true, days: ["2026-12-25", "2026-12-26"] });
    expect(parseSkipList("2026-12-31 t/m 2027-01-02; 2026-12-31")).toEqual({ ok: true, days: ["2026-12-31", "2027-01-01", "2027-01-02"] });
    expect(parseSkipList("19-10-2026 – 20-10-2026")).toEqual({ ok: true, days: ["2026-10-19", "2026-10-20"] });
    expect(parseSkipList("volgende week")).toEqual({ ok: false, problem: "skipInvalid" });
    expect(parseSkipList("2026-02-30")).toEqual({ ok: false, problem: "skipInvalid" });
    expect(parseSkipList("2026-10-23 t/m 2026-10-19")).toEqual({ ok: false, problem: "skipInvalid" });
    expect(parseSkipList("2026-01-01 t/m 2026-12-31")).toEqual({ ok: false, problem: "skipRangeTooLong" });
    expect(parseSkipList(Array.from({ length: 41 }, (_, i) => addCalendarDays("2026-01-01", i)).join("\n"))).toEqual({ ok: false, problem: "skipTooMany" });
  });
});
