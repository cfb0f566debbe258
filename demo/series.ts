import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { Database } from "../db/schema";

/**
 * Demo data for issue 29 point 6: the weekly lessons of the demo cohort were planned as one
 * series (20 Tuesdays, 13:30–16:30). Each lesson then got its own title and programme, and one
 * was cancelled on its own: the rest of the series went ahead. Only marks the existing lessons,
 * so every figure of the demo stays the same.
 */
export async function seedDemoSeries(trx: Transaction<Database>, opts: { cohortId: number; trainerId: number; stamp: string }): Promise<void> {
  const lessons = await trx
    .selectFrom("course_sessions")
    .select(["id", "date"])
    .where("cohort_id", "=", opts.cohortId)
    .where("type", "=", "les")
    .orderBy("date")
    .execute();
  if (lessons.length === 0) return;
  const series = await trx
    .insertInto("meeting_series")
    .values({
      cohort_id: opts.cohortId,
      first_date: lessons[0].date,
      every_weeks: 1,
      count: lessons.length,
      skip_dates: "[]",
      created_by: opts.trainerId,
      created_at: opts.stamp,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx
    .updateTable("course_sessions")
    .set({ series_id: series.id })
    .where(
      "id",
      "in",
      lessons.map((l) => l.id),
    )
    .execute();
}

const DEMO_EVALUATIONS: [number, string | null][] = [
  [5, "Fijn dat we echt konden oefenen."],
  [4, null],
  [4, "Iets minder theorie graag."],
  [3, "De ruimte was te warm."],
];

/**
 * Issue 29 point 8: the last held lesson of the demo cohort has four anonymous evaluations (the
 * trainer sees the outcome). deelnemer1 (the first participant) has not answered yet, so the demo
 * participant can try the form. Answers and "has answered" are stored apart, as the app does.
 */
export async function seedDemoEvaluations(trx: Transaction<Database>, opts: { cohortId: number; participantIds: number[]; today: string }): Promise<void> {
  const lesson = await trx
    .selectFrom("course_sessions")
    .select("id")
    .where("cohort_id", "=", opts.cohortId)
    .where("type", "=", "les")
    .where("status", "=", "planned")
    .where("date", "<", opts.today)
    .orderBy("date", "desc")
    .executeTakeFirst();
  if (!lesson) return;
  const present = await trx
    .selectFrom("attendance")
    .select("participant_id")
    .where("session_id", "=", lesson.id)
    .where("status", "in", ["aanwezig", "te_laat"])
    .where("participant_id", "!=", opts.participantIds[0])
    .orderBy("participant_id")
    .execute();
  const answering = present.slice(0, DEMO_EVALUATIONS.length);
  for (const [i, p] of answering.entries()) {
    await trx.insertInto("meeting_evaluation_answered").values({ session_id: lesson.id, participant_id: p.participant_id }).execute();
    const [score, comment] = DEMO_EVALUATIONS[i];
    await trx.insertInto("meeting_evaluations").values({ id: randomUUID(), session_id: lesson.id, score, comment }).execute();
  }
}
