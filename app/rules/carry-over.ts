/**
 * Coming back after a break (issue 29, point 9): what a participant brings from an enrolment they
 * left into a later one, under the leerlijn template's `rules.carryOver`. Part of the one engine
 * (app/services/progress.server.ts calls it for every row), so the dashboard, the trainer's overview
 * and the examiner see the same hours, each with the cohort it came from. Every hour belongs to one
 * enrolment only: practice is split by day at the moment the person left and came back, and
 * attendance belongs to the meeting's cohort, so nothing is counted twice.
 */

export interface CarryOverRule {
  months: number;
  practiceHours: boolean;
  approvedPop: boolean;
  attendanceHours: boolean;
}

/** The first day that still carries over into an enrolment that began on `joined` (yyyy-mm-dd). */
export function carryOverFrom(joined: string, months: number): string {
  const [y, m, d] = joined.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** An earlier enrolment of the same person that ended before this one began. */
export interface EarlierEnrolment {
  cohortId: number;
  cohortName: string;
  joined: string;
  leftOn: string;
}

/** What came along from one earlier cohort, for the pages to show with its name. */
export interface CarriedOver {
  cohortId: number;
  cohortName: string;
  practiceConfirmedMinutes: number;
  learningHours: number;
  /** the approved POP counts here, and was approved in (or after) this earlier cohort */
  approvedPop: boolean;
}

/**
 * The earlier enrolment an approved POP carries over from, or null: only when the rule carries an
 * approved POP, and the approval (`approvedOn`, yyyy-mm-dd) lies before `joined` and at most
 * `months` before it. The source is the newest earlier enrolment that had begun by the approval
 * day (the cohort whose trainer approved it, or the one the person had just left).
 */
export function popCarriedFrom(rule: CarryOverRule, joined: string, earlier: EarlierEnrolment[], approvedOn: string | null): EarlierEnrolment | null {
  if (!rule.approvedPop || rule.months <= 0 || approvedOn === null) return null;
  if (approvedOn >= joined || approvedOn < carryOverFrom(joined, rule.months)) return null;
  const before = earlier.filter((e) => e.joined <= approvedOn).sort((a, b) => (a.joined < b.joined ? 1 : a.joined > b.joined ? -1 : 0));
  return before[0] ?? null;
}

/**
 * Which of a participant's practice entries belong to an enrolment from `joined` to `leftOn`
 * (null: still in it): with an earlier enrolment, entries before `joined` are that one's; with a
 * later one, entries after `leftOn` are the later one's. Someone with one enrolment keeps them all.
 */
export function ownPracticeDay(day: string, span: { joined: string; leftOn: string | null; hasEarlier: boolean; hasLater: boolean }): boolean {
  if (span.hasEarlier && day < span.joined) return false;
  if (span.hasLater && span.leftOn !== null && day > span.leftOn) return false;
  return true;
}

/**
 * The earlier enrolments' practice and learning hours that count in an enrolment that began on
 * `joined`: only what the rule carries over, only on days within `months` before `joined`.
 * `practiceOf(e)` gives the confirmed practice entries of the earlier enrolment's time (day, minutes);
 * `learningHoursOf(e, from)` the hours credited for its meetings on or after `from`.
 */
export function carriedOver(
  rule: CarryOverRule,
  joined: string,
  earlier: EarlierEnrolment[],
  practiceOf: (e: EarlierEnrolment) => { day: string; minutes: number }[],
  learningHoursOf: (e: EarlierEnrolment, from: string) => number,
  /** where an approved POP carries over from (popCarriedFrom), if it does */
  popFrom: EarlierEnrolment | null = null,
): CarriedOver[] {
  if (rule.months <= 0) return [];
  const from = carryOverFrom(joined, rule.months);
  const out: CarriedOver[] = [];
  for (const e of earlier) {
    const approvedPop = popFrom !== null && popFrom.cohortId === e.cohortId;
    const inTime = e.leftOn >= from;
    const practice = rule.practiceHours && inTime ? practiceOf(e).filter((p) => p.day >= from && p.day < joined) : [];
    const practiceConfirmedMinutes = practice.reduce((a, p) => a + p.minutes, 0);
    const learningHours = rule.attendanceHours && inTime ? learningHoursOf(e, from) : 0;
    if (practiceConfirmedMinutes > 0 || learningHours > 0 || approvedPop)
      out.push({ cohortId: e.cohortId, cohortName: e.cohortName, practiceConfirmedMinutes, learningHours, approvedPop });
  }
  return out;
}
