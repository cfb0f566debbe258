/**
 * The one eligibility engine: for a participant's records and the rules of the leerlijn version
 * they follow, which of the five certificate requirements are met, the figures, and what is
 * still missing. Pure: the dashboard, the trainer's overview, the reports and the examiner's
 * go/no-go all call this, so they cannot disagree.
 */
import type { AttendanceSummary } from "./attendance";
import type { PracticeStatus } from "./practice";

export type RequirementCode = "praktijk" | "aanwezigheid" | "pop" | "gop" | "interview";
export const REQUIREMENTS: readonly RequirementCode[] = ["praktijk", "aanwezigheid", "pop", "gop", "interview"];

/** A sentence from the dictionary with its figures; translated where it is shown. */
export interface Missing {
  key:
    | "eligibility.left"
    | "eligibility.praktijk.missing"
    | "eligibility.rate.missing"
    | "eligibility.hours.missing"
    | "eligibility.intervisie.missing"
    | "eligibility.pop.notStarted"
    | "eligibility.pop.notApproved"
    | "eligibility.gop.notStarted"
    | "eligibility.gop.notApproved"
    | "eligibility.interview.notHeld"
    | "eligibility.interview.failed"
    | "eligibility.interview.retake";
  params: Record<string, number | string>;
}

export interface EligibilityRules {
  practiceHoursTarget: number;
  learningHoursTarget: number;
  minAttendanceRate: number;
  minIntervisieMeetings: number;
}

export type PlanState = "concept" | "ingediend" | "goedgekeurd" | "terug";

export interface EligibilityInput {
  rules: EligibilityRules;
  attendance: AttendanceSummary;
  /** lessons and trainings still planned (not cancelled, expected of this participant, not yet held) */
  upcomingLessonsAndTrainings: number;
  upcomingIntervisie: number;
  practice: { minutes: number; status: PracticeStatus }[];
  /** status null = not started; approved = a version was approved at some point (it keeps counting) */
  pop: { status: PlanState | null; approved: boolean };
  gop: { status: PlanState | null; approved: boolean };
  interview: { outcome: "geslaagd" | "niet_geslaagd" | "herkansing" } | null;
  /** weeks elapsed and weeks in the course, to judge whether practice is behind */
  course: { weeksElapsed: number; weeksTotal: number };
  /**
   * The participant left the cohort (uitstroom) on this day and did not re-enter: no interview,
   * no certificate. Absent or null: still in the course.
   */
  left?: { on: string } | null;
}

export interface Figures {
  value: number;
  target: number;
  unit: "hours" | "sessions" | "meetings" | "step";
}

export interface RequirementResult {
  code: RequirementCode;
  met: boolean;
  /** 0..1, for a progress bar */
  progress: number;
  figures: Figures[];
  missing: Missing[];
  /** can no longer be met, or is clearly behind for the time elapsed */
  atRisk: boolean;
}

export interface Eligibility {
  requirements: RequirementResult[];
  /**
   * What rules out the interview and the certificate whatever the five requirements say (having
   * left the course); given before any other reason.
   */
  blockers: Missing[];
  /** every requirement but the interview is met: the participant may be invited to it */
  readyForInterview: boolean;
  /** all five met: a certificate may be issued */
  eligible: boolean;
  atRisk: boolean;
}

const clamp01 = (n: number) => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);
const round2 = (n: number) => Math.round(n * 100) / 100;

/** How many of `total` meetings must be attended for the rate; exact at the boundary. */
export function meetingsNeeded(total: number, minRate: number): number {
  // 15 × 0.8 is 12.000000000000002 in floating point; round first so the boundary is exact.
  return Math.ceil(Math.round(total * minRate * 1e6) / 1e6);
}

function practice(input: EligibilityInput): RequirementResult {
  const confirmedMinutes = input.practice.filter((e) => e.status === "bevestigd").reduce((a, e) => a + e.minutes, 0);
  const hours = confirmedMinutes / 60;
  const target = input.rules.practiceHoursTarget;
  const met = hours >= target;
  const { weeksElapsed, weeksTotal } = input.course;
  // Behind: less than half of what a steady pace would have confirmed by now.
  const expectedByNow = weeksTotal > 0 ? (target * Math.min(weeksElapsed, weeksTotal)) / weeksTotal : 0;
  return {
    code: "praktijk",
    met,
    progress: clamp01(hours / target),
    figures: [{ value: round2(hours), target, unit: "hours" }],
    missing: met ? [] : [{ key: "eligibility.praktijk.missing", params: { hours: round2(target - hours), done: round2(hours), target } }],
    atRisk: !met && hours < expectedByNow / 2,
  };
}

function attendance(input: EligibilityInput): RequirementResult {
  const { rules, attendance: a } = input;
  const lt = a.lessonsAndTrainings;
  const total = lt.held + input.upcomingLessonsAndTrainings;
  const needed = meetingsNeeded(total, rules.minAttendanceRate);
  const rateMet = lt.attended >= needed;
  const hoursMet = a.learningHours >= rules.learningHoursTarget;
  const intervisieMet = a.intervisieAttended >= rules.minIntervisieMeetings;
  const missing: Missing[] = [];
  if (!rateMet) {
    missing.push({
      key: "eligibility.rate.missing",
      params: { count: needed - lt.attended, attended: lt.attended, needed, total, percent: Math.round(rules.minAttendanceRate * 100) },
    });
  }
  if (!hoursMet) {
    missing.push({
      key: "eligibility.hours.missing",
      params: { hours: round2(rules.learningHoursTarget - a.learningHours), done: a.learningHours, target: rules.learningHoursTarget },
    });
  }
  if (!intervisieMet) {
    missing.push({
      key: "eligibility.intervisie.missing",
      params: { count: rules.minIntervisieMeetings - a.intervisieAttended, done: a.intervisieAttended, target: rules.minIntervisieMeetings },
    });
  }
  const parts = [
    needed === 0 ? 1 : lt.attended / needed,
    a.learningHours / rules.learningHoursTarget,
    rules.minIntervisieMeetings === 0 ? 1 : a.intervisieAttended / rules.minIntervisieMeetings,
  ].map(clamp01);
  const unreachable = lt.attended + input.upcomingLessonsAndTrainings < needed || a.intervisieAttended + input.upcomingIntervisie < rules.minIntervisieMeetings;
  return {
    code: "aanwezigheid",
    met: rateMet && hoursMet && intervisieMet,
    progress: Math.min(...parts),
    figures: [
      { value: lt.attended, target: needed, unit: "sessions" },
      { value: a.learningHours, target: rules.learningHoursTarget, unit: "hours" },
      { value: a.intervisieAttended, target: rules.minIntervisieMeetings, unit: "meetings" },
    ],
    missing,
    atRisk: !(rateMet && hoursMet && intervisieMet) && unreachable,
  };
}

function plan(code: "pop" | "gop", state: EligibilityInput["pop"]): RequirementResult {
  const met = state.approved;
  const step = met ? 3 : state.status === "ingediend" ? 2 : state.status ? 1 : 0;
  return {
    code,
    met,
    progress: step / 3,
    figures: [{ value: step, target: 3, unit: "step" }],
    missing: met ? [] : [{ key: state.status ? `eligibility.${code}.notApproved` : `eligibility.${code}.notStarted`, params: { status: state.status ?? "" } }],
    atRisk: false,
  };
}

function interview(input: EligibilityInput): RequirementResult {
  const outcome = input.interview?.outcome ?? null;
  const met = outcome === "geslaagd";
  const missing: Missing[] = met
    ? []
    : [
        {
          key:
            outcome === "niet_geslaagd"
              ? "eligibility.interview.failed"
              : outcome === "herkansing"
                ? "eligibility.interview.retake"
                : "eligibility.interview.notHeld",
          params: {},
        },
      ];
  return {
    code: "interview",
    met,
    progress: met ? 1 : 0,
    figures: [{ value: met ? 1 : 0, target: 1, unit: "step" }],
    missing,
    atRisk: outcome === "niet_geslaagd",
  };
}

export function evaluateEligibility(input: EligibilityInput): Eligibility {
  const requirements = [practice(input), attendance(input), plan("pop", input.pop), plan("gop", input.gop), interview(input)];
  const allButInterview = requirements.filter((r) => r.code !== "interview").every((r) => r.met);
  const blockers: Missing[] = input.left ? [{ key: "eligibility.left", params: { date: input.left.on } }] : [];
  const open = blockers.length === 0;
  return {
    requirements,
    blockers,
    readyForInterview: open && allButInterview,
    eligible: open && requirements.every((r) => r.met),
    atRisk: requirements.some((r) => r.atRisk),
  };
}

/**
 * The one rule for who may be planned for a final interview (the examiner's list and the
 * planning action alike): still in the course, every requirement but the interview met, and
 * the interview not passed yet. A planned interview is checked apart.
 */
export function interviewCandidate(eligibility: Eligibility): boolean {
  return eligibility.readyForInterview && !eligibility.requirements.some((r) => r.code === "interview" && r.met);
}

/** Every reason in reading order: the blockers (having left) first, then each requirement's. */
export function allMissing(eligibility: Eligibility): Missing[] {
  return [...eligibility.blockers, ...eligibility.requirements.flatMap((r) => r.missing)];
}
