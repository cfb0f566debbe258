import { checkEntry, findDuplicate, isEditable, linkState, parseHours, practiceTotals } from "../../app/rules/practice";

describe("practice hours", () => {
  it("reads hours the way people type them", () => {
    expect(parseHours("1,5")).toBe(90);
    expect(parseHours("1.25")).toBe(75);
    expect(parseHours("2")).toBe(120);
    expect(parseHours("1:45")).toBe(105);
    expect(parseHours(" 3 ")).toBe(180);
    expect(parseHours("-2")).toBe(-120);
    expect(parseHours("twee")).toBeUndefined();
    expect(parseHours("")).toBeUndefined();
    expect(parseHours("1e3")).toBeUndefined();
  });

  const ok = { date: "2026-11-20", minutes: 120, today: "2026-11-22", maxHoursPerDay: 12, otherMinutesThatDay: 0 };

  it("accepts a normal entry", () => {
    expect(checkEntry(ok)).toEqual({});
    expect(checkEntry({ ...ok, date: "2026-11-22", minutes: 12 * 60 })).toEqual({});
  });

  it("refuses negative, zero, non-quarter and absurd hours", () => {
    expect(checkEntry({ ...ok, minutes: -60 }).hours).toBe("practice.hoursNotPositive");
    expect(checkEntry({ ...ok, minutes: 0 }).hours).toBe("practice.hoursNotPositive");
    expect(checkEntry({ ...ok, minutes: 100 }).hours).toBe("practice.hoursNotQuarter");
    expect(checkEntry({ ...ok, minutes: 13 * 60 }).hours).toBe("practice.hoursTooMany");
    expect(checkEntry({ ...ok, minutes: undefined }).hours).toBe("practice.hoursInvalid");
  });

  it("keeps a day at the daily maximum across entries", () => {
    expect(checkEntry({ ...ok, minutes: 4 * 60, otherMinutesThatDay: 8 * 60 })).toEqual({});
    expect(checkEntry({ ...ok, minutes: 4 * 60 + 15, otherMinutesThatDay: 8 * 60 }).hours).toBe("practice.dayTooFull");
  });

  it("refuses a date in the future or before the course", () => {
    expect(checkEntry({ ...ok, date: "2026-11-23" }).date).toBe("practice.dateInFuture");
    expect(checkEntry({ ...ok, earliest: "2026-11-21" }).date).toBe("practice.dateBeforeCourse");
  });

  it("finds the same work logged twice, ignoring case and spaces, but not a rejected one", () => {
    const stored = [{ id: 1, date: "2026-11-20", activity: "teamoverleg", minutes: 60, description: "Overleg  buurtteam Noord", status: "open" as const }];
    const again = { date: "2026-11-20", activity: "teamoverleg", minutes: 60, description: "overleg buurtteam noord" };
    expect(findDuplicate(again, stored)?.id).toBe(1);
    expect(findDuplicate({ ...again, id: 1 }, stored)).toBeUndefined();
    expect(findDuplicate({ ...again, minutes: 75 }, stored)).toBeUndefined();
    expect(findDuplicate(again, [{ ...stored[0], status: "afgewezen" as const }])).toBeUndefined();
  });

  it("counts only confirmed hours toward the target", () => {
    const t = practiceTotals(
      [
        { minutes: 600, status: "bevestigd" },
        { minutes: 90, status: "open" },
        { minutes: 60, status: "afgewezen" },
        { minutes: 3000, status: "bevestigd" },
      ],
      60,
    );
    expect(t).toEqual({ confirmedMinutes: 3600, openMinutes: 90, rejectedMinutes: 60, targetMinutes: 3600, remainingMinutes: 0, met: true });
    expect(practiceTotals([{ minutes: 3150, status: "bevestigd" }], 60)).toMatchObject({ remainingMinutes: 450, met: false });
  });

  it("locks confirmed entries only", () => {
    expect(isEditable("open")).toBe(true);
    expect(isEditable("afgewezen")).toBe(true);
    expect(isEditable("bevestigd")).toBe(false);
  });

  it("knows when a werkbegeleider link can no longer be used", () => {
    const now = new Date("2026-11-22T12:00:00Z");
    const link = { expires_at: "2026-12-01T00:00:00.000Z", revoked_at: null, used_at: null };
    expect(linkState(link, now)).toBe("valid");
    expect(linkState({ ...link, expires_at: "2026-11-22T12:00:00.000Z" }, now)).toBe("expired");
    expect(linkState({ ...link, used_at: "2026-11-21T00:00:00.000Z" }, now)).toBe("used");
    expect(linkState({ ...link, revoked_at: "2026-11-21T00:00:00.000Z", used_at: "x" }, now)).toBe("revoked");
  });
});
