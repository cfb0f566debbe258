import type { LessonPlan } from "./leerlijn-template";
import { formatProgramme, programmeMinutes, type ProgrammeBlock } from "./programme";

/**
 * Lesson plans as course content (issue 29 point 7). Pure: how a plan's dagdeel becomes a
 * meeting's programme, and whether a programme fits in the meeting's time.
 */

/** Minutes of slack above which a shorter programme gets a gentle note (not a warning). */
export const PROGRAMME_SLACK_NOTE_MINUTES = 30;

export type ProgrammeFit =
  | { status: "fits"; planned: number; available: number }
  | { status: "tooLong"; planned: number; available: number; over: number }
  | { status: "shorter"; planned: number; available: number; left: number }
  /** no programme, or start/end not (yet) a valid pair of times */
  | { status: "unknown" };

const minutesOf = (time: string): number | null => {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
};

/** The sum of the blocks' minutes against end − start. A warning, never a refusal: the caller only shows it. */
export function programmeFit(blocks: ProgrammeBlock[], startTime: string, endTime: string, slack = PROGRAMME_SLACK_NOTE_MINUTES): ProgrammeFit {
  const start = minutesOf(startTime);
  const end = minutesOf(endTime);
  if (blocks.length === 0 || start === null || end === null || end <= start) return { status: "unknown" };
  const planned = programmeMinutes(blocks);
  const available = end - start;
  if (planned > available) return { status: "tooLong", planned, available, over: planned - available };
  if (available - planned > slack) return { status: "shorter", planned, available, left: available - planned };
  return { status: "fits", planned, available };
}

/** One dagdeel of a plan as programme blocks; the work form follows the title ("30 min Over de lijn (oefening in tweetallen)"). */
export function dagdeelProgramme(plan: LessonPlan, dagdeel: number): ProgrammeBlock[] {
  const part = plan.dagdelen[dagdeel];
  if (!part) return [];
  return part.blocks.map((b) => ({
    minutes: b.minutes,
    title: b.workForm.trim().toLowerCase() === b.title.trim().toLowerCase() ? b.title : `${b.title} (${b.workForm})`,
  }));
}

export interface LessonPlanChoice {
  code: string;
  dagdeel: number;
  title: string;
  minutes: number;
}

/** What a trainer can start from: each dagdeel of each plan (a plan of one dagdeel is one choice). */
export function lessonPlanChoices(plans: LessonPlan[]): LessonPlanChoice[] {
  return plans.flatMap((p) =>
    p.dagdelen.map((d, i) => ({ code: p.code, dagdeel: i, title: p.dagdelen.length > 1 ? `${p.title}: ${d.title}` : p.title, minutes: d.minutes })),
  );
}

/** Finds the plan and dagdeel a link names (?lesplan=code&dagdeel=n, n from 1); undefined for anything unknown. */
export function findLessonPlan(plans: LessonPlan[], code: string | null, dagdeel: string | null): { plan: LessonPlan; dagdeel: number } | undefined {
  if (!code) return undefined;
  const plan = plans.find((p) => p.code === code);
  if (!plan) return undefined;
  const n = dagdeel === null || dagdeel === "" ? 1 : Number(dagdeel);
  if (!Number.isInteger(n) || n < 1 || n > plan.dagdelen.length) return undefined;
  return { plan, dagdeel: n - 1 };
}

const clock = (min: number) => `${String(Math.floor(min / 60) % 24).padStart(2, "0")}:${String(min % 60).padStart(2, "0")}`;

/** The new-meeting form's values filled from a plan's dagdeel: the trainer adapts them before saving. */
export function lessonPlanFormValues(plan: LessonPlan, dagdeel: number, startTime: string) {
  const part = plan.dagdelen[dagdeel];
  const start = minutesOf(startTime) ?? 13 * 60 + 30;
  const end = Math.min(start + (part?.minutes ?? 0), 23 * 60 + 59);
  return {
    type: plan.meetingType,
    title: plan.dagdelen.length > 1 && part ? `${plan.title}: ${part.title}` : plan.title,
    startTime: clock(start),
    endTime: clock(end),
    programme: formatProgramme(dagdeelProgramme(plan, dagdeel)),
    assignment: plan.assignment,
  };
}

/** What a meeting planned from a lesson plan shows of it: the plan's material (issue 29 point 7). */
export interface LessonPlanMaterial {
  code: string;
  /** the plan's title, with the dagdeel's when the plan has more than one */
  title: string;
  goal: string;
  exercises: { title: string; description: string }[];
  /** the plan's oefenopdracht (the meeting may have adapted its own) */
  assignment: string;
  reading: string[];
}

/**
 * The material of the plan a meeting keeps (its code and dagdeel from 1), or null when the plan is
 * not (or no longer) in the leerlijn version's lesson plans: the meeting then just has none.
 */
export function lessonPlanMaterial(plans: LessonPlan[], code: string | null, dagdeel: number | null): LessonPlanMaterial | null {
  if (!code) return null;
  const plan = plans.find((p) => p.code === code);
  if (!plan) return null;
  const part = dagdeel ? plan.dagdelen[dagdeel - 1] : undefined;
  return {
    code: plan.code,
    title: plan.dagdelen.length > 1 && part ? `${plan.title}: ${part.title}` : plan.title,
    goal: plan.goal,
    exercises: plan.exercises,
    assignment: plan.assignment,
    reading: plan.reading,
  };
}

/** The form's value for a plan's dagdeel ("<code>:<dagdeel from 1>"), read by the meeting schema's `lessonPlan`. */
export const lessonPlanValue = (code: string, dagdeel: number) => `${code}:${dagdeel + 1}`;
