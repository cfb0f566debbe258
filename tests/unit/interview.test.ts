import { canObject, finaliseProblems, objectionDeadline, type CompetencyDef, type JudgementDraft } from "../../app/rules/interview";
import { certificateNumber, certificateState, issueRefusals } from "../../app/rules/certificate";
import type { Eligibility } from "../../app/rules/eligibility";

const COMPS: CompetencyDef[] = [
  {
    code: "contact",
    title: "Contact",
    criteria: [
      { code: "c1", text: "Luistert" },
      { code: "c2", text: "Vraagt" },
    ],
  },
  { code: "methodisch", title: "Methodisch", criteria: [{ code: "m1", text: "Werkt vanuit de vraag" }] },
];

const complete = (): JudgementDraft => ({
  criteria: [
    { code: "c1", demonstrated: true, justification: "Voorbeeld huisbezoek" },
    { code: "c2", demonstrated: false, justification: "Geen voorbeeld gegeven" },
    { code: "m1", demonstrated: true, justification: "Casus uit het team" },
  ],
  competencies: [
    { code: "contact", judgement: "voldoende" },
    { code: "methodisch", judgement: "goed" },
  ],
  outcome: "geslaagd",
  motivation: "Overtuigend.",
});

describe("finalising an interview", () => {
  it("allows a complete judgement", () => {
    expect(finaliseProblems(complete(), COMPS)).toEqual([]);
  });

  it("needs every criterion judged and justified, every competency judged, an outcome and a motivation", () => {
    const d = complete();
    d.criteria = d.criteria.filter((c) => c.code !== "m1");
    d.criteria[0].justification = "  ";
    d.competencies[1].judgement = null;
    d.outcome = null;
    d.motivation = "";
    expect(finaliseProblems(d, COMPS)).toEqual([
      { key: "interview.problem.justification", criterion: "c1" },
      { key: "interview.problem.criterion", criterion: "m1" },
      { key: "interview.problem.competency", competency: "methodisch" },
      { key: "interview.problem.outcome" },
      { key: "interview.problem.motivation" },
    ]);
  });

  it("refuses 'geslaagd' with a competency judged 'onvoldoende', but allows 'niet geslaagd' then", () => {
    const d = complete();
    d.competencies[0].judgement = "onvoldoende";
    expect(finaliseProblems(d, COMPS)).toEqual([{ key: "interview.problem.passWithInsufficient", competency: "contact" }]);
    expect(finaliseProblems({ ...d, outcome: "niet_geslaagd" }, COMPS)).toEqual([]);
    expect(finaliseProblems({ ...d, outcome: "herkansing" }, COMPS)).toEqual([]);
  });

  it("gives 14 days for an objection, up to and including the last day", () => {
    expect(objectionDeadline("2026-11-01T15:00:00.000Z", 14)).toBe("2026-11-15");
    expect(canObject("2026-11-01T15:00:00.000Z", 14, "2026-11-15")).toBe(true);
    expect(canObject("2026-11-01T15:00:00.000Z", 14, "2026-11-16")).toBe(false);
    expect(canObject(null, 14, "2026-11-02")).toBe(false);
  });
});

describe("issuing a certificate", () => {
  const eligibility = (missing: number): Eligibility => ({
    requirements: [
      {
        code: "praktijk",
        met: missing === 0,
        progress: 1,
        figures: [],
        missing: missing ? [{ key: "eligibility.praktijk.missing", params: { hours: 2, done: 58, target: 60 } }] : [],
        atRisk: false,
      },
      { code: "interview", met: true, progress: 1, figures: [], missing: [], atRisk: false },
    ],
    blockers: [],
    readyForInterview: missing === 0,
    eligible: missing === 0,
    atRisk: false,
  });

  it("is refused with the engine's own reasons", () => {
    expect(issueRefusals(eligibility(1), { finalised: true }, false)).toEqual([
      { key: "eligibility.praktijk.missing", params: { hours: 2, done: 58, target: 60 } },
    ]);
  });

  it("gives having left the course as the first reason", () => {
    const left: Eligibility = {
      ...eligibility(1),
      blockers: [{ key: "eligibility.left", params: { date: "2026-06-10" } }],
      readyForInterview: false,
      eligible: false,
    };
    expect(issueRefusals(left, { finalised: true }, false).map((r) => r.key)).toEqual(["eligibility.left", "eligibility.praktijk.missing"]);
  });

  it("is refused while the interview is not finalised, or when a valid certificate exists", () => {
    expect(issueRefusals(eligibility(0), { finalised: false }, false).map((r) => r.key)).toEqual(["certificate.refused.notFinalised"]);
    expect(issueRefusals(eligibility(0), { finalised: true }, true).map((r) => r.key)).toEqual(["certificate.refused.alreadyIssued"]);
    expect(issueRefusals(eligibility(0), { finalised: true }, false)).toEqual([]);
  });

  it("numbers per year and knows its state", () => {
    expect(certificateNumber("LLB", 2026, 7)).toBe("LLB-2026-0007");
    expect(certificateNumber("LLB", 2027, 12345)).toBe("LLB-2027-12345");
    expect(certificateState({ revoked_at: null, revoke_kind: null, superseded_by_id: null })).toBe("geldig");
    expect(certificateState({ revoked_at: "2026-11-01", revoke_kind: null, superseded_by_id: 3 })).toBe("ingetrokken");
    expect(certificateState({ revoked_at: "2026-11-01", revoke_kind: "correctie", superseded_by_id: null })).toBe("ingetrokken_na_correctie");
    expect(certificateState({ revoked_at: null, revoke_kind: null, superseded_by_id: 3 })).toBe("vervangen");
  });
});
