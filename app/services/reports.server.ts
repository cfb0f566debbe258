import type { DB } from "../../db/connect";
import type { HoursDelivered } from "../rules/attendance";
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
  atRisk: number;
}

export interface CohortReport {
  progress: CohortProgress;
  counts: CohortCounts;
  delivered: HoursDelivered;
  practiceConfirmedHours: number;
  learningHoursCredited: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function countsOf(progress: CohortProgress, certified: number): CohortCounts {
  const active = progress.rows.filter((r) => !r.left);
  return {
    participants: progress.rows.length,
    active: active.length,
    left: progress.rows.length - active.length,
    readyForInterview: active.filter((r) => r.eligibility.readyForInterview).length,
    eligible: active.filter((r) => r.eligibility.eligible).length,
    certified,
    atRisk: active.filter((r) => r.eligibility.atRisk).length,
  };
}

/** Participants with a valid certificate, per cohort, in one query. */
async function certifiedCounts(db: DB, cohortIds: number[]): Promise<Map<number, number>> {
  const map = new Map<number, number>(cohortIds.map((id) => [id, 0]));
  if (cohortIds.length === 0) return map;
  const rows = await db
    .selectFrom("certificates")
    .select(["cohort_id", (eb) => eb.fn.count<number>("participant_id").distinct().as("n")])
    .where("cohort_id", "in", cohortIds)
    .where("revoked_at", "is", null)
    .where("superseded_by_id", "is", null)
    .groupBy("cohort_id")
    .execute();
  for (const r of rows) map.set(r.cohort_id, Number(r.n));
  return map;
}

export async function cohortReport(db: DB, cohortId: number, today: string): Promise<CohortReport | undefined> {
  const progress = await cohortProgress(db, cohortId, today);
  if (!progress) return undefined;
  const certified = (await certifiedCounts(db, [cohortId])).get(cohortId) ?? 0;
  return {
    progress,
    counts: countsOf(progress, certified),
    delivered: progress.delivered,
    practiceConfirmedHours: round2(progress.rows.reduce((a, r) => a + r.facts.practiceConfirmedMinutes, 0) / 60),
    learningHoursCredited: round2(progress.rows.reduce((a, r) => a + r.facts.learningHours, 0)),
  };
}

export interface ReportsOverviewRow {
  cohort: { id: number; name: string; start_date: string; end_date: string };
  counts: CohortCounts;
  delivered: HoursDelivered;
  practiceConfirmedHours: number;
}

/** Every cohort's figures: a fixed number of queries, whatever the number of cohorts and participants. */
export async function reportsOverview(db: DB, today: string): Promise<{ rows: ReportsOverviewRow[]; totals: CohortCounts & { practiceConfirmedHours: number; deliveredHours: number } }> {
  const cohorts = await db.selectFrom("cohorts").select(["id", "name", "start_date", "end_date"]).orderBy("start_date", "desc").orderBy("name").execute();
  const certified = await certifiedCounts(db, cohorts.map((c) => c.id));
  const rows: ReportsOverviewRow[] = [];
  const progressOf = await cohortsProgress(db, cohorts.map((c) => c.id), today);
  for (const c of cohorts) {
    const progress = progressOf.get(c.id);
    if (!progress) continue;
    rows.push({
      cohort: c,
      counts: countsOf(progress, certified.get(c.id) ?? 0),
      delivered: progress.delivered,
      practiceConfirmedHours: round2(progress.rows.reduce((a, r) => a + r.facts.practiceConfirmedMinutes, 0) / 60),
    });
  }
  const sum = (f: (r: ReportsOverviewRow) => number) => round2(rows.reduce((a, r) => a + f(r), 0));
  return {
    rows,
    totals: {
      participants: sum((r) => r.counts.participants),
      active: sum((r) => r.counts.active),
      left: sum((r) => r.counts.left),
      readyForInterview: sum((r) => r.counts.readyForInterview),
      eligible: sum((r) => r.counts.eligible),
      certified: sum((r) => r.counts.certified),
      atRisk: sum((r) => r.counts.atRisk),
      practiceConfirmedHours: sum((r) => r.practiceConfirmedHours),
      deliveredHours: sum((r) => r.delivered.total),
    },
  };
}
