import { carriedOver, carryOverFrom, ownPracticeDay, popCarriedFrom, type CarryOverRule } from "../../app/rules/carry-over";

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
    expect(out).toEqual([{ cohortId: 7, cohortName: EARLIER.cohortName, practiceConfirmedMinutes: 60, learningHours: 9.5, approvedPop: false }]);
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
    expect(onlyPractice).toEqual([{ cohortId: 7, cohortName: EARLIER.cohortName, practiceConfirmedMinutes: 60, learningHours: 0, approvedPop: false }]);
  });

  it("carries an approved POP from within the months, named with the cohort it was approved in", () => {
    const older = { cohortId: 5, cohortName: "Leerlijn Buurtteams 2024-1", joined: "2024-02-05", leftOn: "2024-04-01" };
    // Approved during the 2025-2 enrolment, within 24 months of coming back on 2027-04-20.
    expect(popCarriedFrom(RULE, "2027-04-20", [older, EARLIER], "2025-04-20")).toEqual(EARLIER);
    // The first day within the months counts, the day before does not.
    expect(popCarriedFrom(RULE, "2027-04-20", [EARLIER], "2025-04-20")).toEqual(EARLIER);
    expect(popCarriedFrom(RULE, "2027-04-20", [EARLIER], "2025-04-19")).toBeNull();
    // Approved in the new enrolment: its own, not carried; not approved, or the rule leaves it out: nothing.
    expect(popCarriedFrom(RULE, "2025-09-01", [EARLIER], "2025-09-01")).toBeNull();
    expect(popCarriedFrom(RULE, "2025-09-01", [EARLIER], null)).toBeNull();
    expect(popCarriedFrom({ ...RULE, approvedPop: false }, "2025-09-01", [EARLIER], "2025-04-01")).toBeNull();
    // Approved in the older enrolment and still within the months: named with that one.
    expect(popCarriedFrom(RULE, "2025-09-01", [older, EARLIER], "2024-03-01")).toEqual(older);

    // The cohort is listed for the POP alone, also when no hours come with it (its practice is older than the months).
    const popOnly = carriedOver(
      { ...RULE, months: 13 },
      "2026-04-20",
      [EARLIER],
      () => [{ day: "2025-03-10", minutes: 60 }],
      () => 0,
      EARLIER,
    );
    expect(popOnly).toEqual([{ cohortId: 7, cohortName: EARLIER.cohortName, practiceConfirmedMinutes: 0, learningHours: 0, approvedPop: true }]);
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
