import { evaluationOpen, summariseEvaluations, wasThere } from "../../app/rules/evaluation";

describe("short evaluation rules (issue 29 point 8)", () => {
  it("present or late counts as there; afgemeld and absent do not", () => {
    expect(["aanwezig", "te_laat", "afgemeld", "afwezig", null].map(wasThere)).toEqual([true, true, false, false, false]);
  });

  it("opens at the meeting's end and closes 14 days after its day; never for a cancelled one", () => {
    const m = { date: "2026-10-20", endTime: "16:30", status: "planned" };
    expect(evaluationOpen(m, { today: "2026-10-20", time: "16:29" })).toBe(false);
    expect(evaluationOpen(m, { today: "2026-10-20", time: "16:30" })).toBe(true);
    expect(evaluationOpen(m, { today: "2026-11-03", time: "23:59" })).toBe(true);
    expect(evaluationOpen(m, { today: "2026-11-04", time: "00:00" })).toBe(false);
    expect(evaluationOpen(m, { today: "2026-10-19", time: "20:00" })).toBe(false);
    expect(evaluationOpen({ ...m, status: "cancelled" }, { today: "2026-10-21", time: "12:00" })).toBe(false);
  });

  it("shows nothing but the count under 3 answers", () => {
    expect(summariseEvaluations([])).toEqual({ shown: false, answers: 0 });
    expect(
      summariseEvaluations([
        { score: 5, comment: "Top" },
        { score: 1, comment: "Saai" },
      ]),
    ).toEqual({ shown: false, answers: 2 });
  });

  it("from 3 answers: the average to one decimal, each score's count, the lines sorted, empty lines left out", () => {
    expect(
      summariseEvaluations([
        { score: 5, comment: "Zo doorgaan" },
        { score: 4, comment: null },
        { score: 4, comment: "Andere ruimte" },
      ]),
    ).toEqual({ shown: true, answers: 3, average: 4.3, counts: { 1: 0, 2: 0, 3: 0, 4: 2, 5: 1 }, comments: ["Andere ruimte", "Zo doorgaan"] });
  });
});
