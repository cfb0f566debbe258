import type { DB } from "../db/connect";
import { parseProgramme } from "../app/rules/programme";
import { lessonPlansForCohort } from "../app/services/lesson-plans.server";
import { createMeeting } from "../app/services/schedule.server";

/**
 * Issue 29 point 7 in the demo: the coming cohort's first lesson is planned from the template's lesson
 * plan "Van ervaringskennis naar ervaringsdeskundigheid", through the same services a trainer's form
 * uses; the trainer added a short round at the end, so the form shows the programme is too long.
 */
export async function seedDemoLessonPlanMeeting(db: DB, opts: { cohortId: number; trainerId: number }): Promise<void> {
  const cohort = await db.selectFrom("cohorts").select(["id", "leerlijn_version_id", "start_date"]).where("id", "=", opts.cohortId).executeTakeFirstOrThrow();
  const { chosen } = await lessonPlansForCohort(db, cohort, "ervaringskennis", "1");
  if (!chosen) return;
  const parsed = parseProgramme(`${chosen.values.programme}\n10 min Rondje: wat verwacht je van de leerlijn?`);
  if (!parsed.ok) return;
  await createMeeting(
    db,
    cohort.id,
    {
      type: chosen.values.type,
      title: chosen.values.title,
      date: cohort.start_date,
      startTime: chosen.values.startTime,
      endTime: chosen.values.endTime,
      location: "Vrijwilligersacademie, zaal 2",
      onlineUrl: null,
      trainerIds: [opts.trainerId],
      trainingId: null,
      intervisieGroupId: null,
      programme: parsed.blocks,
      assignment: chosen.values.assignment,
      // The meeting keeps its plan: its page and the rooster show the plan's exercises and reading.
      lessonPlan: { code: "ervaringskennis", dagdeel: 1 },
    },
    { id: opts.trainerId, role: "trainer" },
  );
}
