import { carriedOver, carryOverFrom, ownPracticeDay, type CarryOverRule } from "../../app/rules/carry-over";

const RULE: CarryOverRule = { months: 24, practiceHours: true, approvedPop: true, attendanceHours: true };
const EARLIER = { cohortId: 7, cohortName: "Leerlijn Buurtteams 2025-2", joined: "2025-03-03", leftOn: "2025-05-01" };

describe("carry-over after a break (issue 29, point 9)", () => {
  it("counts back whole months, also at a month's end and over a year", () => {
    expect(carryOverFrom("2027-05-01", 24)).toBe("2025-05-01");
    expect(carryOverFrom("2026-03-31", 1)).toBe("2026-02-28");
    expect(carryOverFrom("2024-03-31", 1)).toBe("2024-02-29");
    expect(carryOverFrom("2026-01-15", 13)).toBe("2024-12-15");
  });

  it("carries practice and learning hours within the months, with the earlier cohort's name", () => {
    const practice = [
      { day: "2025-04-01", minutes: 120 },
      { day: "2025-04-20", minutes: 60 },
    ];
    const out = carriedOver(
      RULE,
      "2027-04-20",
      [EARLIER],
      () => practice,
      (_e, from) => (from <= "2025-04-20" ? 9.5 : 0),
    );
    // From 2025-04-20 on: one practice day (60 minutes) is within 24 months, the other is not.
    expect(out).toEqual([{ cohortId: 7, cohortName: EARLIER.cohortName, practiceConfirmedMinutes: 60, learningHours: 9.5 }]);
  });

  it("carries nothing from an enrolment that ended before the months, or what the rule leaves out", () => {
    expect(
      carriedOver(
        RULE,
        "2027-05-02",
        [EARLIER],
        () => [{ day: "2025-04-30", minutes: 60 }],
        () => 5,
      ),
    ).toEqual([]);
    expect(
      carriedOver(
        { ...RULE, months: 0 },
        "2025-09-01",
        [EARLIER],
        () => [{ day: "2025-04-30", minutes: 60 }],
        () => 5,
      ),
    ).toEqual([]);
    const onlyPractice = carriedOver(
      { ...RULE, attendanceHours: false },
      "2025-09-01",
      [EARLIER],
      () => [{ day: "2025-04-30", minutes: 60 }],
      () => 5,
    );
    expect(onlyPractice).toEqual([{ cohortId: 7, cohortName: EARLIER.cohortName, practiceConfirmedMinutes: 60, learningHours: 0 }]);
  });

  it("gives each practice day to one enrolment only", () => {
    const earlier = { joined: "2025-03-03", leftOn: "2025-05-01", hasEarlier: false, hasLater: true };
    const later = { joined: "2025-09-01", leftOn: null, hasEarlier: true, hasLater: false };
    for (const day of ["2025-04-01", "2025-05-01", "2025-06-15", "2025-09-01", "2025-10-01"]) {
      expect([ownPracticeDay(day, earlier), ownPracticeDay(day, later)].filter(Boolean).length).toBeLessThanOrEqual(1);
    }
    expect(ownPracticeDay("2025-05-01", earlier)).toBe(true);
    expect(ownPracticeDay("2025-09-01", later)).toBe(true);
    // Someone with one enrolment keeps every entry, also from before the day they were enrolled.
    expect(ownPracticeDay("2020-01-01", { joined: "2025-09-01", leftOn: null, hasEarlier: false, hasLater: false })).toBe(true);
  });
});
