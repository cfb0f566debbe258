/**
 * The criteriumgericht interview, pure: when a judgement may be finalised, and how long an
 * objection (bezwaar) can be lodged.
 */
export type Outcome = "geslaagd" | "niet_geslaagd" | "herkansing";
export type CompetencyJudgement = "onvoldoende" | "voldoende" | "goed";
export const OUTCOMES: readonly Outcome[] = ["geslaagd", "niet_geslaagd", "herkansing"];
export const COMPETENCY_JUDGEMENTS: readonly CompetencyJudgement[] = ["onvoldoende", "voldoende", "goed"];

export interface JudgementDraft {
  criteria: { code: string; demonstrated: boolean | null; justification: string | null }[];
  competencies: { code: string; judgement: CompetencyJudgement | null }[];
  outcome: Outcome | null;
  motivation: string | null;
}

export interface CompetencyDef {
  code: string;
  title: string;
  criteria: { code: string; text: string }[];
}

export type FinaliseProblem =
  | { key: "interview.problem.criterion"; criterion: string }
  | { key: "interview.problem.justification"; criterion: string }
  | { key: "interview.problem.competency"; competency: string }
  | { key: "interview.problem.outcome" }
  | { key: "interview.problem.motivation" }
  | { key: "interview.problem.passWithInsufficient"; competency: string };

/**
 * What still stands in the way of finalising, in reading order; empty when it may be finalised.
 * Every criterion of the version needs a verdict and a justification ("waar blijkt dat uit?"),
 * every competency a judgement, and the outcome a motivation. "Geslaagd" with a competency judged
 * "onvoldoende" is contradictory and refused.
 */
export function finaliseProblems(draft: JudgementDraft, competencies: CompetencyDef[]): FinaliseProblem[] {
  const problems: FinaliseProblem[] = [];
  const byCriterion = new Map(draft.criteria.map((c) => [c.code, c]));
  const byCompetency = new Map(draft.competencies.map((c) => [c.code, c]));
  for (const comp of competencies) {
    for (const cr of comp.criteria) {
      const j = byCriterion.get(cr.code);
      if (!j || j.demonstrated === null) problems.push({ key: "interview.problem.criterion", criterion: cr.code });
      else if (!j.justification?.trim()) problems.push({ key: "interview.problem.justification", criterion: cr.code });
    }
    if (!byCompetency.get(comp.code)?.judgement) problems.push({ key: "interview.problem.competency", competency: comp.code });
  }
  if (!draft.outcome) problems.push({ key: "interview.problem.outcome" });
  else if (draft.outcome === "geslaagd") {
    for (const comp of competencies) {
      if (byCompetency.get(comp.code)?.judgement === "onvoldoende") problems.push({ key: "interview.problem.passWithInsufficient", competency: comp.code });
    }
  }
  if (!draft.motivation?.trim()) problems.push({ key: "interview.problem.motivation" });
  return problems;
}

/** The last day an objection can be lodged, yyyy-mm-dd, counted from the day of finalising. */
export function objectionDeadline(finalisedAt: string, days: number): string {
  const d = new Date(`${finalisedAt.slice(0, 10)}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function canObject(finalisedAt: string | null, days: number, today: string): boolean {
  return finalisedAt !== null && today <= objectionDeadline(finalisedAt, days);
}
