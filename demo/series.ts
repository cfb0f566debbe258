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
