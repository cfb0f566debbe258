import type { DB } from "../../db/connect";
import type { Meeting, MeetingModeCode, MeetingTypeCode } from "../../db/schema";
import { dueDateProblem } from "../rules/assignments";
import type { ProgrammeBlock } from "../rules/programme";
import { audit } from "./audit.server";
import { UserInputError } from "./errors";
import type { Actor } from "./users.server";
import { currentTime } from "../clock.server";
import { nudgeMailSender } from "./mail-outbox.server";
import { meetingFacts, notifyMeetingChange } from "./meeting-mail.server";
import { cohortTemplate } from "./curriculum.server";

/** Where the links in mail about a change start (publicBaseUrl(request)); without it no mail is queued. */
export interface MeetingMailOptions {
  baseUrl?: string | null;
}

export interface MeetingInput {
  type: MeetingTypeCode;
  title: string;
  date: string;
  startTime: string;
  endTime: string;
  location: string | null;
  onlineUrl: string | null;
  /** in person, online or both; absent: a new meeting is in person, a changed one keeps its own */
  mode?: MeetingModeCode;
  trainerIds: number[];
  trainingId: number | null;
  intervisieGroupId: number | null;
  programme: ProgrammeBlock[];
  assignment: string | null;
  /** last day to hand in the oefenopdracht; null or absent = before the next meeting */
  assignmentDue?: string | null;
  /** the lesson plan it is planned from (dagdeel from 1); only read when a meeting is created */
  lessonPlan?: { code: string; dagdeel: number } | null;
}

export interface MeetingRow extends Meeting {
  training_title: string | null;
  group_name: string | null;
  trainer_names: string[];
  trainer_ids: number[];
}

function meetingQuery(db: DB) {
  return db
    .selectFrom("course_sessions as s")
    .leftJoin("trainings as tr", "tr.id", "s.training_id")
    .leftJoin("intervisie_groups as g", "g.id", "s.intervisie_group_id")
    .selectAll("s")
    .select(["tr.title as training_title", "g.name as group_name"]);
}

async function withTrainers<T extends Meeting>(db: DB, rows: T[]): Promise<(T & { trainer_names: string[]; trainer_ids: number[] })[]> {
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom("session_trainers as st")
    .innerJoin("users as u", "u.id", "st.user_id")
    .select(["st.session_id", "u.id", "u.name"])
    .where(
      "st.session_id",
      "in",
      rows.map((r) => r.id),
    )
    .orderBy("u.name")
    .execute();
  return rows.map((r) => {
    const mine = links.filter((l) => l.session_id === r.id);
    return { ...r, trainer_names: mine.map((l) => l.name), trainer_ids: mine.map((l) => l.id) };
  });
}

/** All meetings of a cohort in date order (cancelled ones included, marked). */
export async function listMeetings(db: DB, cohortId: number): Promise<MeetingRow[]> {
  const rows = await meetingQuery(db).where("s.cohort_id", "=", cohortId).orderBy("s.date").orderBy("s.start_time").execute();
  return withTrainers(db, rows);
}

/** One meeting, only within the given cohort: an id from another cohort finds nothing. */
export async function getMeeting(db: DB, cohortId: number, meetingId: number): Promise<MeetingRow | undefined> {
  const row = await meetingQuery(db).where("s.cohort_id", "=", cohortId).where("s.id", "=", meetingId).executeTakeFirst();
  return row ? (await withTrainers(db, [row]))[0] : undefined;
}

/** Refuses input the form cannot catch: a training or group of another leerlijn or cohort, an unknown trainer. */
export async function checkMeetingInput(db: DB, cohortId: number, input: MeetingInput): Promise<void> {
  const cohort = await db.selectFrom("cohorts").select(["leerlijn_version_id"]).where("id", "=", cohortId).executeTakeFirst();
  if (!cohort) throw new UserInputError("cohort.notFound");
  const dueProblem = dueDateProblem(input.date, input.assignmentDue);
  if (dueProblem) throw new UserInputError(dueProblem, "assignmentDue");
  if (input.type === "training") {
    if (!input.trainingId) throw new UserInputError("session.trainingRequired", "trainingId");
    const training = await db
      .selectFrom("trainings")
      .select("id")
      .where("id", "=", input.trainingId)
      .where("leerlijn_version_id", "=", cohort.leerlijn_version_id)
      .executeTakeFirst();
    if (!training) throw new UserInputError("session.trainingRequired", "trainingId");
  }
  if (input.type === "intervisie") {
    if (!input.intervisieGroupId) throw new UserInputError("session.groupRequired", "intervisieGroupId");
    const group = await db
      .selectFrom("intervisie_groups")
      .select("id")
      .where("id", "=", input.intervisieGroupId)
      .where("cohort_id", "=", cohortId)
      .executeTakeFirst();
    if (!group) throw new UserInputError("session.groupRequired", "intervisieGroupId");
  }
  if (input.lessonPlan) {
    // Only a plan (and dagdeel) of the cohort's own leerlijn version.
    const plans = (await cohortTemplate(db, cohortId))?.lessonPlans ?? [];
    const plan = plans.find((p) => p.code === input.lessonPlan?.code);
    if (!plan || input.lessonPlan.dagdeel > plan.dagdelen.length) throw new UserInputError("lessonPlan.unknown", "lessonPlan");
  }
  if (input.trainerIds.length > 0) {
    const ok = await db.selectFrom("users").select("id").where("id", "in", input.trainerIds).where("role", "in", ["trainer", "coordinator"]).execute();
    if (ok.length !== new Set(input.trainerIds).size) throw new UserInputError("cohort.trainerUnknown", "trainerIds");
  }
}

/** The lesson plan columns of a new meeting (a change keeps the plan it was planned from). */
export function lessonPlanValues(input: Pick<MeetingInput, "lessonPlan">) {
  return { lesson_plan_code: input.lessonPlan?.code ?? null, lesson_plan_dagdeel: input.lessonPlan?.dagdeel ?? null };
}

/** The stored columns of a meeting from the form's input. */
export function meetingValues(input: MeetingInput) {
  return {
    type: input.type,
    title: input.title.trim(),
    date: input.date,
    start_time: input.startTime,
    end_time: input.endTime,
    location: input.location?.trim() || null,
    online_url: input.onlineUrl?.trim() || null,
    ...(input.mode ? { mode: input.mode } : {}),
    training_id: input.type === "training" ? input.trainingId : null,
    intervisie_group_id: input.type === "intervisie" ? input.intervisieGroupId : null,
    programme: JSON.stringify(input.programme),
    assignment: input.assignment?.trim() || null,
    assignment_due: input.assignment?.trim() ? (input.assignmentDue ?? null) : null,
  };
}

export async function createMeeting(db: DB, cohortId: number, input: MeetingInput, actor: Actor, now = currentTime()): Promise<number> {
  await checkMeetingInput(db, cohortId, input);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("course_sessions")
      .values({ ...meetingValues(input), ...lessonPlanValues(input), cohort_id: cohortId, created_at: now.toISOString(), updated_at: now.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    const trainerIds = [...new Set(input.trainerIds)];
    if (trainerIds.length) {
      await trx
        .insertInto("session_trainers")
        .values(trainerIds.map((user_id) => ({ session_id: row.id, user_id })))
        .execute();
    }
    await audit(trx, {
      actor,
      action: "session.create",
      target: { type: "session", id: row.id },
      details: { cohortId, ...(input.lessonPlan ? { lessonPlan: `${input.lessonPlan.code}:${input.lessonPlan.dagdeel}` } : {}) },
      at: now,
    });
    return row.id;
  });
}

/**
 * Saves a meeting. When it moved (day, times, place), the people expected there get a mail with
 * the new calendar entry, queued in the same transaction (meeting-mail.server.ts).
 */
export async function updateMeeting(
  db: DB,
  cohortId: number,
  meetingId: number,
  input: MeetingInput,
  actor: Actor,
  now = currentTime(),
  opts: MeetingMailOptions = {},
): Promise<void> {
  const existing = await getMeeting(db, cohortId, meetingId);
  if (!existing) throw new UserInputError("session.notFound");
  if (existing.type !== input.type) {
    const recorded = await db.selectFrom("attendance").select("id").where("session_id", "=", meetingId).executeTakeFirst();
    if (recorded) throw new UserInputError("session.typeLocked", "type");
  }
  await checkMeetingInput(db, cohortId, input);
  const queued = await db.transaction().execute((trx) => writeMeetingUpdate(trx, cohortId, existing, input, actor, now, opts));
  if (queued > 0) nudgeMailSender();
}

/**
 * The update of one meeting checked by the caller, inside the caller's transaction (also used for
 * a series). When it moved, the mails to the people expected there are queued in the same
 * transaction; returns how many (the caller nudges the sender after its commit).
 */
export async function writeMeetingUpdate(
  trx: DB,
  cohortId: number,
  existing: MeetingRow,
  input: MeetingInput,
  actor: Actor,
  now: Date,
  opts: MeetingMailOptions = {},
): Promise<number> {
  const meetingId = existing.id;
  const before = await meetingFacts(trx, meetingId);
  await trx
    .updateTable("course_sessions")
    .set({ ...meetingValues(input), updated_at: now.toISOString() })
    .where("id", "=", meetingId)
    .where("cohort_id", "=", cohortId)
    .execute();
  await trx.deleteFrom("session_trainers").where("session_id", "=", meetingId).execute();
  const trainerIds = [...new Set(input.trainerIds)];
  if (trainerIds.length) {
    await trx
      .insertInto("session_trainers")
      .values(trainerIds.map((user_id) => ({ session_id: meetingId, user_id })))
      .execute();
  }
  const moved = existing.date !== input.date || existing.start_time !== input.startTime || existing.end_time !== input.endTime;
  await audit(trx, {
    actor,
    action: moved ? "session.move" : "session.update",
    target: { type: "session", id: meetingId },
    details: moved ? { from: `${existing.date} ${existing.start_time}-${existing.end_time}`, to: `${input.date} ${input.startTime}-${input.endTime}` } : null,
    at: now,
  });
  return before ? notifyMeetingChange(trx, before, { baseUrl: opts.baseUrl, actorId: actor.id, now }) : 0;
}

/** Cancels a meeting or puts it back; the people expected there get a mail with the calendar entry. */
export async function setCancelled(
  db: DB,
  cohortId: number,
  meetingId: number,
  cancelled: boolean,
  reason: string | null,
  actor: Actor,
  now = currentTime(),
  opts: MeetingMailOptions = {},
): Promise<void> {
  const queued = await db.transaction().execute(async (trx) => {
    const before = await meetingFacts(trx, meetingId);
    const res = await trx
      .updateTable("course_sessions")
      .set({
        status: cancelled ? "cancelled" : "planned",
        cancel_reason: cancelled ? reason?.trim() || null : null,
        // cancelled or put back on its own: no longer part of a "this and all later ones" cancel
        cancelled_from: null,
        updated_at: now.toISOString(),
      })
      .where("id", "=", meetingId)
      .where("cohort_id", "=", cohortId)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1 || !before) throw new UserInputError("session.notFound");
    await audit(trx, { actor, action: cancelled ? "session.cancel" : "session.reinstate", target: { type: "session", id: meetingId }, at: now });
    return notifyMeetingChange(trx, before, { baseUrl: opts.baseUrl, actorId: actor.id, now });
  });
  if (queued > 0) nudgeMailSender();
}
