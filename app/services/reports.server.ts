import type { DB } from "../../db/connect";
import { sessionHours } from "../rules/attendance";
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

export interface HoursDelivered {
  les: number;
  training: number;
  intervisie: number;
  total: number;
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

/**
 * Hours of sessions held (not cancelled, on or before today), per cohort and type, in one query.
 * Sessions are counted per cohort, type and time slot (a handful of slots), so years of sessions
 * are not each read and summed; the hours of a slot come from the same rule as everywhere else.
 */
async function hoursDelivered(db: DB, cohortIds: number[], today: string): Promise<Map<number, HoursDelivered>> {
  const map = new Map<number, HoursDelivered>(cohortIds.map((id) => [id, { les: 0, training: 0, intervisie: 0, total: 0 }]));
  if (cohortIds.length === 0) return map;
  const slots = await db
    .selectFrom("course_sessions")
    .select(["cohort_id", "type", "start_time", "end_time", (eb) => eb.fn.countAll<number>().as("n")])
    .where("cohort_id", "in", cohortIds)
    .where("status", "=", "planned")
    .where("date", "<=", today)
    .groupBy(["cohort_id", "type", "start_time", "end_time"])
    .orderBy("cohort_id")
    .orderBy("type")
    .orderBy("start_time")
    .orderBy("end_time")
    .execute();
  for (const s of slots) {
    const h = map.get(s.cohort_id)!;
    const hours = sessionHours({ startTime: s.start_time, endTime: s.end_time }) * Number(s.n);
    h[s.type] = round2(h[s.type] + hours);
    h.total = round2(h.total + hours);
  }
  return map;
}

export async function cohortReport(db: DB, cohortId: number, today: string): Promise<CohortReport | undefined> {
  const progress = await cohortProgress(db, cohortId, today);
  if (!progress) return undefined;
  const delivered = (await hoursDelivered(db, [cohortId], today)).get(cohortId)!;
  const certified = (await certifiedCounts(db, [cohortId])).get(cohortId) ?? 0;
  return {
    progress,
    counts: countsOf(progress, certified),
    delivered,
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
  const delivered = await hoursDelivered(db, cohorts.map((c) => c.id), today);
  const certified = await certifiedCounts(db, cohorts.map((c) => c.id));
  const rows: ReportsOverviewRow[] = [];
  const progressOf = await cohortsProgress(db, cohorts.map((c) => c.id), today);
  for (const c of cohorts) {
    const progress = progressOf.get(c.id);
    if (!progress) continue;
    rows.push({
      cohort: c,
      counts: countsOf(progress, certified.get(c.id) ?? 0),
      delivered: delivered.get(c.id)!,
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
