import type { ScheduleNow } from "./attendance";
import { addCalendarDays } from "./series";

/*
 * The short evaluation after a meeting (issue 29 point 8): a score of 1–5 and one line of text,
 * anonymous. Pure rules; the storage that keeps the answer apart from the person is in
 * services/evaluations.server.ts.
 */

/** Trainers see a meeting's results only from this many answers on: fewer could point at a person. */
export const EVALUATION_MIN_ANSWERS = 3;
/** Days after the meeting's day that the evaluation stays open. */
export const EVALUATION_OPEN_DAYS = 14;
export const EVALUATION_COMMENT_MAX = 200;
export const EVALUATION_SCORES = [1, 2, 3, 4, 5] as const;

/** Who may answer: a participant recorded as present (also when late) at the meeting. */
export function wasThere(status: string | null | undefined): boolean {
  return status === "aanwezig" || status === "te_laat";
}

/** Open from the meeting's end until EVALUATION_OPEN_DAYS days after its day; never for a cancelled meeting. */
export function evaluationOpen(meeting: { date: string; endTime: string; status: string }, now: ScheduleNow): boolean {
  if (meeting.status !== "planned") return false;
  const ended = meeting.date < now.today || (meeting.date === now.today && now.time >= meeting.endTime);
  return ended && now.today <= addCalendarDays(meeting.date, EVALUATION_OPEN_DAYS);
}

export type EvaluationSummary =
  | { shown: false; answers: number }
  | { shown: true; answers: number; average: number; counts: Record<(typeof EVALUATION_SCORES)[number], number>; comments: string[] };

/**
 * What a trainer sees: under EVALUATION_MIN_ANSWERS answers only how many there are; from then on
 * the average, how often each score was given, and the comments in alphabetical order (never in
 * the order they came in).
 */
export function summariseEvaluations(rows: { score: number; comment: string | null }[]): EvaluationSummary {
  const answers = rows.length;
  if (answers < EVALUATION_MIN_ANSWERS) return { shown: false, answers };
  const counts = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const r of rows) if (r.score in counts) counts[r.score as keyof typeof counts] += 1;
  const average = Math.round((rows.reduce((sum, r) => sum + r.score, 0) / answers) * 10) / 10;
  const comments = rows
    .map((r) => r.comment)
    .filter((c): c is string => Boolean(c))
    .sort((a, b) => a.localeCompare(b, "nl"));
  return { shown: true, answers, average, counts, comments };
}
