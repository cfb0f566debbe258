import type { DB } from "../../db/connect";
import type { HoursDelivered } from "../rules/attendance";
import { funderLines, type FunderLine } from "../rules/funder-report";
import { formatNumber, translate, type Lang } from "../i18n/translate";
import { cachedOverview } from "./overview-cache.server";
import { cohortProgress, cohortsProgress, type CohortProgress } from "./progress.server";

/**
 * The numbers a funder asks for, per cohort: participants, who left, who is ready for the final
 * interview, who meets every requirement, hours delivered. Every verdict comes from the engine.
 */
export interface CohortCounts {
  participants: number;
  active: number;
  left: number;
  readyForInterview: number;
  eligible: number;
  /** holding a valid certificate (not revoked, not replaced) */
  certified: number;
  /** neither certified nor left: for a cohort that ended, people who did not finish */
  notFinished: number;
  atRisk: number;
}

export interface CohortReport {
  progress: CohortProgress;
  /** the cohort's last day is behind us: nobody is "still busy" any more */
  ended: boolean;
  counts: CohortCounts;
  delivered: HoursDelivered;
  practiceConfirmedHours: number;
  learningHoursCredited: number;
  /** brought in from earlier cohorts by people who came back (not in the two totals above) */
  carried: { people: number; learningHours: number; practiceHours: number };
}

/** What the people in a cohort brought from earlier cohorts (coming back after a break), summed. */
function carriedOf(progress: CohortProgress): CohortReport["carried"] {
  const rows = progress.rows.filter((r) => r.carriedOver.length > 0);
  const all = rows.flatMap((r) => r.carriedOver);
  return {
    people: rows.length,
    learningHours: round2(all.reduce((a, c) => a + c.learningHours, 0)),
    practiceHours: round2(all.reduce((a, c) => a + c.practiceConfirmedMinutes, 0) / 60),
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function countsOf(progress: CohortProgress, certified: ReadonlySet<number>): CohortCounts {
  const active = progress.rows.filter((r) => !r.left);
  return {
    participants: progress.rows.length,
    active: active.length,
    left: progress.rows.length - active.length,
    readyForInterview: active.filter((r) => r.eligibility.readyForInterview).length,
    eligible: active.filter((r) => r.eligibility.eligible).length,
    certified: certified.size,
    notFinished: active.filter((r) => !certified.has(r.participant.id)).length,
    atRisk: active.filter((r) => r.eligibility.atRisk).length,
  };
}

/** Participants with a valid certificate, per cohort, in one query. */
async function certifiedParticipants(db: DB, cohortIds: number[]): Promise<Map<number, Set<number>>> {
  const map = new Map<number, Set<number>>(cohortIds.map((id) => [id, new Set<number>()]));
  if (cohortIds.length === 0) return map;
  const rows = await db
    .selectFrom("certificates")
    .select(["cohort_id", "participant_id"])
    .distinct()
    .where("cohort_id", "in", cohortIds)
    .where("revoked_at", "is", null)
    .where("superseded_by_id", "is", null)
    .execute();
  for (const r of rows) map.get(r.cohort_id)?.add(r.participant_id);
  return map;
}

export async function cohortReport(db: DB, cohortId: number, today: string): Promise<CohortReport | undefined> {
  const progress = await cohortProgress(db, cohortId, today);
  if (!progress) return undefined;
  const certified = (await certifiedParticipants(db, [cohortId])).get(cohortId) ?? new Set<number>();
  return {
    progress,
    ended: progress.cohort.end_date < today,
    counts: countsOf(progress, certified),
    delivered: progress.delivered,
    practiceConfirmedHours: round2(progress.rows.reduce((a, r) => a + r.facts.practiceConfirmedMinutes, 0) / 60),
    learningHoursCredited: round2(progress.rows.reduce((a, r) => a + r.facts.learningHours, 0)),
    carried: carriedOf(progress),
  };
}

export interface ReportsOverviewRow {
  cohort: { id: number; name: string; start_date: string; end_date: string };
  counts: CohortCounts;
  delivered: HoursDelivered;
  practiceConfirmedHours: number;
}

/** A calendar year, or every year at once. */
export type ReportYear = number | "alle";

/** The year the reports page opens on: the current one. */
export function defaultReportYear(today: string): number {
  return Number(today.slice(0, 4));
}

/** `?jaar=` from the address: a year, "alle", or (anything else, or nothing) the current year. */
export function parseReportYear(value: string | null, today: string): ReportYear {
  if (value === "alle") return "alle";
  if (value !== null && /^\d{4}$/.test(value)) return Number(value);
  return defaultReportYear(today);
}

export interface ReportsOverview {
  year: ReportYear;
  /** every year in which a cohort ran, newest first */
  years: number[];
  rows: ReportsOverviewRow[];
  /**
   * Over all the cohorts shown. `participants` counts people, not enrolments: someone who left a
   * cohort and came back in a later one is one person (issue 29, point 9); `returning` says how many
   * of them are in more than one of the cohorts shown. Their earlier enrolment and its uitstroom stay
   * in that cohort's row (`left`).
   */
  totals: CohortCounts & { practiceConfirmedHours: number; deliveredHours: number; returning: number };
}

/** Cohorts per page of the report (the totals are always those of the whole year). */
export const REPORT_PAGE_SIZE = 10;

export interface ReportsOverviewPage extends ReportsOverview {
  page: number;
  pages: number;
  /** cohorts in the year (or in all years), over every page */
  cohortsTotal: number;
  /** every cohort of the year (all pages), for the named list's choice */
  cohortChoices: { id: number; name: string }[];
}

/**
 * The report page: one page of the year's cohorts (newest first), the totals of the whole year, and
 * the names of all its cohorts (for the named list).
 * The year's figures are worked out once per day and per change in any cohort or certificate
 * (overview-cache.server.ts), so a request reads one row however many years or cohorts there are,
 * and shows at most REPORT_PAGE_SIZE cohorts. A page past the end shows the last one.
 */
export async function reportsOverviewPage(db: DB, today: string, year: ReportYear, page: number): Promise<ReportsOverviewPage> {
  const overview = await cachedOverview(db, `report:${year}`, today, () => computeReportsOverview(db, today, year));
  const pages = Math.max(1, Math.ceil(overview.rows.length / REPORT_PAGE_SIZE));
  const current = Math.min(Math.max(1, Number.isFinite(page) ? Math.floor(page) : 1), pages);
  return {
    ...overview,
    rows: overview.rows.slice((current - 1) * REPORT_PAGE_SIZE, current * REPORT_PAGE_SIZE),
    page: current,
    pages,
    cohortsTotal: overview.rows.length,
    cohortChoices: overview.rows.map((r) => ({ id: r.cohort.id, name: r.cohort.name })),
  };
}

/**
 * The figures of the cohorts that ran in `year` (a cohort that ran over the turn of a year is in
 * both years), or of every cohort, every row. Kept per day and per change (reportsOverviewPage).
 */
export async function reportsOverview(db: DB, today: string, year: ReportYear): Promise<ReportsOverview> {
  return cachedOverview(db, `report:${year}`, today, () => computeReportsOverview(db, today, year));
}

/** A fixed number of queries, whatever the number of cohorts and participants. */
async function computeReportsOverview(db: DB, today: string, year: ReportYear): Promise<ReportsOverview> {
  const span = await db
    .selectFrom("cohorts")
    .select((eb) => [eb.fn.min("start_date").as("first"), eb.fn.max("end_date").as("last")])
    .where("kind", "=", "course")
    .executeTakeFirst();
  const years: number[] = [];
  if (span?.first && span.last) for (let y = Number(String(span.last).slice(0, 4)); y >= Number(String(span.first).slice(0, 4)); y--) years.push(y);
  // courses only: a city-wide intervisie container is not one (decision 025)
  let q = db.selectFrom("cohorts").select(["id", "name", "start_date", "end_date"]).where("kind", "=", "course");
  if (year !== "alle") q = q.where("start_date", "<=", `${year}-12-31`).where("end_date", ">=", `${year}-01-01`);
  const cohorts = await q.orderBy("start_date", "desc").orderBy("name").execute();
  const certified = await certifiedParticipants(
    db,
    cohorts.map((c) => c.id),
  );
  const rows: ReportsOverviewRow[] = [];
  const progressOf = await cohortsProgress(
    db,
    cohorts.map((c) => c.id),
    today,
  );
  for (const c of cohorts) {
    const progress = progressOf.get(c.id);
    if (!progress) continue;
    rows.push({
      cohort: c,
      counts: countsOf(progress, certified.get(c.id) ?? new Set<number>()),
      delivered: progress.delivered,
      practiceConfirmedHours: round2(progress.rows.reduce((a, r) => a + r.facts.practiceConfirmedMinutes, 0) / 60),
    });
  }
  const sum = (f: (r: ReportsOverviewRow) => number) => round2(rows.reduce((a, r) => a + f(r), 0));
  // One person, however many of these cohorts they were in.
  const cohortsOfPerson = new Map<number, number>();
  for (const progress of progressOf.values())
    for (const r of progress.rows) cohortsOfPerson.set(r.participant.id, (cohortsOfPerson.get(r.participant.id) ?? 0) + 1);
  return {
    year,
    years,
    rows,
    totals: {
      participants: cohortsOfPerson.size,
      returning: [...cohortsOfPerson.values()].filter((n) => n > 1).length,
      active: sum((r) => r.counts.active),
      left: sum((r) => r.counts.left),
      readyForInterview: sum((r) => r.counts.readyForInterview),
      eligible: sum((r) => r.counts.eligible),
      certified: sum((r) => r.counts.certified),
      notFinished: sum((r) => r.counts.notFinished),
      atRisk: sum((r) => r.counts.atRisk),
      practiceConfirmedHours: sum((r) => r.practiceConfirmedHours),
      deliveredHours: sum((r) => r.delivered.total),
    },
  };
}

/** The funder's report of a cohort (aggregates only, small counts as "< 5"), as text rows per language. */
export function funderReportRows(report: CohortReport, lang: Lang, num: (n: number) => string = (n) => formatNumber(lang, n)): [string, string][] {
  const lines: FunderLine[] = funderLines({
    counts: report.counts,
    ended: report.ended,
    leftReasons: report.progress.rows.flatMap((r) => (r.left ? [r.left.reason] : [])),
    delivered: report.delivered,
    learningHoursCredited: report.learningHoursCredited,
    practiceConfirmedHours: report.practiceConfirmedHours,
    carried: report.carried,
  });
  return lines.map((line) => {
    const params = line.params?.reason ? { reason: translate(lang, `outflow.reason.${line.params.reason}` as Parameters<typeof translate>[1]) } : undefined;
    const v = line.value;
    const value =
      v.kind === "hours"
        ? num(v.hours)
        : v.hidden
          ? translate(lang, "report.funder.hidden")
          : v.suppressed
            ? translate(lang, "report.funder.small")
            : num(v.count);
    return [translate(lang, line.label, params), value];
  });
}
