import type { DB } from "../../db/connect";
import { findLessonPlan, lessonPlanChoices, lessonPlanFormValues, type LessonPlanChoice } from "../rules/lesson-plans";
import type { LessonPlan } from "../rules/leerlijn-template";
import { cohortTemplate } from "./curriculum.server";

export interface ChosenLessonPlan {
  key: string;
  values: ReturnType<typeof lessonPlanFormValues> & { trainingId: string };
  goal: string;
  exercises: LessonPlan["exercises"];
  reading: string[];
}

/**
 * The lesson plans a trainer can start a new meeting from (issue 29 point 7): those of the cohort's own
 * leerlijn version, and the one a link names (?lesplan=<code>&dagdeel=<n>) as the form's values.
 * Anything unknown in the link is ignored: the form is then empty.
 */
export async function lessonPlansForCohort(
  db: DB,
  cohort: { id: number; leerlijn_version_id: number },
  code: string | null,
  dagdeel: string | null,
  startTime = "13:30",
): Promise<{ choices: LessonPlanChoice[]; chosen: ChosenLessonPlan | null }> {
  const plans = (await cohortTemplate(db, cohort.id))?.lessonPlans ?? [];
  const found = findLessonPlan(plans, code, dagdeel);
  if (!found) return { choices: lessonPlanChoices(plans), chosen: null };
  // A training's plan carries the training's code: the form then names that training.
  const training =
    found.plan.meetingType === "training"
      ? await db
          .selectFrom("trainings")
          .select("id")
          .where("leerlijn_version_id", "=", cohort.leerlijn_version_id)
          .where("code", "=", found.plan.code)
          .executeTakeFirst()
      : undefined;
  return {
    choices: lessonPlanChoices(plans),
    chosen: {
      key: `${found.plan.code}-${found.dagdeel + 1}`,
      values: { ...lessonPlanFormValues(found.plan, found.dagdeel, startTime), trainingId: training ? String(training.id) : "" },
      goal: found.plan.goal,
      exercises: found.plan.exercises,
      reading: found.plan.reading,
    },
  };
}
