import type { DB } from "../../db/connect";
import { formatProgramme, type ProgrammeBlock } from "../rules/programme";
import {
  dagdeelProgramme,
  findLessonPlan,
  lessonPlanChoices,
  lessonPlanFormValues,
  lessonPlanMaterial,
  lessonPlanValue,
  type LessonPlanChoice,
  type LessonPlanMaterial,
} from "../rules/lesson-plans";
import type { LessonPlan } from "../rules/leerlijn-template";
import { cohortTemplate } from "./curriculum.server";

export interface ChosenLessonPlan {
  key: string;
  /** the form's `lessonPlan` value: the meeting keeps the plan it was planned from */
  value: string;
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
      value: lessonPlanValue(found.plan.code, found.dagdeel),
      values: { ...lessonPlanFormValues(found.plan, found.dagdeel, startTime), trainingId: training ? String(training.id) : "" },
      goal: found.plan.goal,
      exercises: found.plan.exercises,
      reading: found.plan.reading,
    },
  };
}

/** The material of the plan a meeting was planned from (its page for the trainer), or null. */
export async function meetingLessonPlan(
  db: DB,
  meeting: { cohort_id: number; lesson_plan_code: string | null; lesson_plan_dagdeel: number | null },
): Promise<LessonPlanMaterial | null> {
  if (!meeting.lesson_plan_code) return null;
  const plans = (await cohortTemplate(db, meeting.cohort_id))?.lessonPlans ?? [];
  return lessonPlanMaterial(plans, meeting.lesson_plan_code, meeting.lesson_plan_dagdeel);
}

/**
 * What a series planned from a lesson plan gets when its form leaves them empty: the programme
 * (as the form writes it) and the oefenopdracht of the plan's dagdeel. Null for a plan the cohort's
 * leerlijn version does not have (the service then refuses it).
 */
export async function lessonPlanFill(
  db: DB,
  cohortId: number,
  ref: { code: string; dagdeel: number },
): Promise<{ programme: string; blocks: ProgrammeBlock[]; assignment: string } | null> {
  const plans = (await cohortTemplate(db, cohortId))?.lessonPlans ?? [];
  const plan = plans.find((p) => p.code === ref.code);
  if (!plan || !plan.dagdelen[ref.dagdeel - 1]) return null;
  const blocks = dagdeelProgramme(plan, ref.dagdeel - 1);
  return { programme: formatProgramme(blocks), blocks, assignment: plan.assignment };
}

/** The series form's choice of plan: per dagdeel its form value, title, and what it fills in (with JavaScript, as soon as it is chosen). */
export async function lessonPlanOptions(db: DB, cohortId: number): Promise<{ value: string; label: string; programme: string; assignment: string }[]> {
  const plans = (await cohortTemplate(db, cohortId))?.lessonPlans ?? [];
  return lessonPlanChoices(plans).map((c) => {
    const plan = plans.find((p) => p.code === c.code)!;
    return {
      value: lessonPlanValue(c.code, c.dagdeel),
      label: c.title,
      programme: formatProgramme(dagdeelProgramme(plan, c.dagdeel)),
      assignment: plan.assignment,
    };
  });
}
