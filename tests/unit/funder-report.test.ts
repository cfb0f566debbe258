import { funderLines, people, SMALL_CELL } from "../../app/rules/funder-report";

describe("the funder's report (aggregates only)", () => {
  it("shows counts of 1 to 4 people as suppressed, 0 and 5 or more as they are", () => {
    expect(SMALL_CELL).toBe(5);
    expect([0, 1, 4, 5, 12].map((n) => people(n).kind === "people" && people(n))).toEqual([
      { kind: "people", count: 0, suppressed: false },
      { kind: "people", count: 1, suppressed: true },
      { kind: "people", count: 4, suppressed: true },
      { kind: "people", count: 5, suppressed: false },
      { kind: "people", count: 12, suppressed: false },
    ]);
  });

  it("gives outflow per reason category, each under the same rule, and hours as totals", () => {
    const lines = funderLines({
      counts: { participants: 20, active: 13, left: 7, readyForInterview: 3, eligible: 0, certified: 0, atRisk: 6 },
      leftReasons: ["werk", "werk", "werk", "werk", "werk", "gezondheid", "anders"],
      delivered: { total: 42, les: 30, training: 6, intervisie: 6 },
      learningHoursCredited: 512.5,
      practiceConfirmedHours: 301.25,
    });
    const reason = (r: string) => lines.find((l) => l.label === "report.funder.leftBecause" && l.params?.reason === r)!.value;
    // 7 left: for work 5, for health and other reasons "< 5" each would give both away (7 − 5 = 2 = 1 + 1),
    // and hiding the 5 would not help (≥ 5 with two of at least 1 in 7): no reason is shown. "Left" stays (20 − 13).
    for (const r of ["werk", "gezondheid", "persoonlijk", "niet_passend", "anders"]) expect(reason(r)).toMatchObject({ suppressed: false, hidden: true });
    expect(lines.find((l) => l.label === "report.col.left")!.value).toEqual({ kind: "people", count: 7, suppressed: false });
    // 9 left: 5 for work, 3 for health, 1 other: all shown as before (9 − 5 = 4 is 1 + 3, 2 + 2 or 3 + 1).
    const nine = funderLines({
      counts: { participants: 20, active: 11, left: 9, readyForInterview: 3, eligible: 0, certified: 0, atRisk: 6 },
      leftReasons: ["werk", "werk", "werk", "werk", "werk", "gezondheid", "gezondheid", "gezondheid", "anders"],
      delivered: { total: 42, les: 30, training: 6, intervisie: 6 },
      learningHoursCredited: 0,
      practiceConfirmedHours: 0,
    });
    const reason9 = (r: string) => nine.find((l) => l.label === "report.funder.leftBecause" && l.params?.reason === r)!.value;
    expect(["werk", "gezondheid", "anders", "persoonlijk"].map(reason9)).toEqual([
      { kind: "people", count: 5, suppressed: false },
      { kind: "people", count: 3, suppressed: true },
      { kind: "people", count: 1, suppressed: true },
      { kind: "people", count: 0, suppressed: false },
    ]);
    expect(lines.find((l) => l.label === "report.col.ready")!.value).toEqual({ kind: "people", count: 3, suppressed: true });
    expect(lines.find((l) => l.label === "report.col.practice")!.value).toEqual({ kind: "hours", hours: 301.25 });
    // Nothing in the lines can carry a person: only labels, reason codes and numbers.
    expect(JSON.stringify(lines)).not.toMatch(/@|name|email/i);
  });

  it("for a cohort that ended: 'Niet afgerond' (neither certified nor left) instead of 'Nog bezig'", () => {
    const input = {
      counts: { participants: 12, active: 10, left: 2, readyForInterview: 0, eligible: 0, certified: 4, notFinished: 6, atRisk: 0 },
      leftReasons: ["werk", "anders"] as ("werk" | "anders")[],
      delivered: { total: 1, les: 1, training: 0, intervisie: 0 },
      learningHoursCredited: 0,
      practiceConfirmedHours: 0,
    };
    const ended = funderLines({ ...input, ended: true });
    expect(ended.map((l) => l.label)).not.toContain("report.col.active");
    expect(ended.find((l) => l.label === "report.funder.notFinished")!.value).toEqual({ kind: "people", count: 6, suppressed: false });
    const running = funderLines({ ...input, ended: false });
    expect(running.find((l) => l.label === "report.col.active")!.value).toEqual({ kind: "people", count: 10, suppressed: false });
    expect(running.map((l) => l.label)).not.toContain("report.funder.notFinished");
  });

  it("says how many came back from an earlier group (under the same rule) and the hours they brought, as totals", () => {
    const input = {
      counts: { participants: 12, active: 12, left: 0, readyForInterview: 0, eligible: 0, certified: 0, atRisk: 0 },
      leftReasons: [],
      delivered: { total: 1, les: 1, training: 0, intervisie: 0 },
      learningHoursCredited: 40,
      practiceConfirmedHours: 30,
    };
    const value = (lines: ReturnType<typeof funderLines>, label: string) => lines.find((l) => l.label === label)!.value;
    const few = funderLines({ ...input, carried: { people: 2, learningHours: 31.5, practiceHours: 12.25 } });
    expect(value(few, "report.funder.returning")).toEqual({ kind: "people", count: 2, suppressed: true });
    expect(value(few, "report.funder.carriedLearning")).toEqual({ kind: "hours", hours: 31.5 });
    expect(value(few, "report.funder.carriedPractice")).toEqual({ kind: "hours", hours: 12.25 });
    // The cohort's own hours are not changed by what was brought in.
    expect(value(few, "report.col.learningCredited")).toEqual({ kind: "hours", hours: 40 });
    expect(value(funderLines({ ...input, carried: { people: 6, learningHours: 0, practiceHours: 0 } }), "report.funder.returning")).toEqual({
      kind: "people",
      count: 6,
      suppressed: false,
    });
    // Nobody came back: 0, 0 and 0.
    const none = funderLines(input);
    expect(["report.funder.returning", "report.funder.carriedLearning", "report.funder.carriedPractice"].map((l) => value(none, l))).toEqual([
      { kind: "people", count: 0, suppressed: false },
      { kind: "hours", hours: 0 },
      { kind: "hours", hours: 0 },
    ]);
  });
});
