import type { DB } from "../../db/connect";
import type { CompetencyJudgement, InterviewOutcome, User } from "../../db/schema";
import { canObject, finaliseProblems, objectionDeadline, type CompetencyDef, type FinaliseProblem, type JudgementDraft } from "../rules/interview";
import { certificateState, type CertificateState } from "../rules/certificate";
import { allMissing, interviewCandidate, type Eligibility, type Missing } from "../rules/eligibility";
import type { Leerdoel } from "../rules/pop";
import { audit } from "./audit.server";
import { logPopRead, popVersionContent } from "./pop.server";
import { cohortsProgress, participantProgress, type CohortProgress, type ParticipantProgress } from "./progress.server";
import { getVersion } from "./curriculum.server";
import { participantCertificates, type ParticipantCertificate } from "./certificates.server";
import type { LeerlijnTemplate } from "../rules/leerlijn-template";
import { UserInputError, UserInputErrors } from "./errors";
import type { MessageKey } from "../i18n/nl";
import type { Actor } from "./users.server";
import { currentTime } from "../clock.server";
import { amsterdamDay } from "../rules/amsterdam";
import { cachedOverview } from "./overview-cache.server";
import { nudgeMailSender } from "./mail-outbox.server";
import { interviewCancelledMail, interviewPlannedMail, notifyEach, type UpdateMailOptions } from "./mail-updates.server";
import { currentEnrolmentId } from "./enrolment.server";

/**
 * Who can open, judge and sign a final interview: the roles of the "interviews" area
 * (app/rules/policy.ts). A trainer cannot open the area, so a trainer is never an assessor.
 */
export const ASSESSOR_ROLES = ["examiner", "coordinator"] as const;

export class FinaliseRefusedError extends Error {
  constructor(public readonly problems: FinaliseProblem[]) {
    super("interview.finaliseRefused");
    this.name = "FinaliseRefusedError";
  }
}

export interface PlanInput {
  participantId: number;
  date: string;
  startTime: string;
  location: string | null;
  assessorIds: number[];
  /** A coordinator's reason to plan someone the engine does not call ready yet (audited). */
  overrideReason?: string | null;
  /** A coordinator's reason to let the participant's own trainer or werkbegeleider assess (audited). */
  conflictReason?: string | null;
}

export interface AssessorWarning {
  assessorId: number;
  name: string;
  reason: "trainer" | "werkbegeleider";
}

/**
 * Assessors who were the participant's trainer (a trainer of one of their cohorts) or are their
 * werkbegeleider (the placement's supervisor e-mail). Planning refuses them unless a coordinator
 * records a reason; the interview page names them.
 */
export async function assessorWarnings(db: DB, participantId: number, assessorIds: number[]): Promise<AssessorWarning[]> {
  if (assessorIds.length === 0) return [];
  const assessors = await db.selectFrom("users").select(["id", "name", "email"]).where("id", "in", assessorIds).execute();
  const trainers = await db
    .selectFrom("cohort_trainers as ct")
    .innerJoin("enrolments as e", "e.cohort_id", "ct.cohort_id")
    .select("ct.user_id")
    .where("e.participant_id", "=", participantId)
    .execute();
  const placement = await db.selectFrom("placements").select("supervisor_email").where("participant_id", "=", participantId).executeTakeFirst();
  const warnings: AssessorWarning[] = [];
  for (const a of assessors) {
    if (trainers.some((t) => t.user_id === a.id)) warnings.push({ assessorId: a.id, name: a.name, reason: "trainer" });
    if (placement && placement.supervisor_email.toLowerCase() === a.email.toLowerCase())
      warnings.push({ assessorId: a.id, name: a.name, reason: "werkbegeleider" });
  }
  return warnings;
}

/** Possible assessors: active examiners and coordinators (who can open and sign the interview). */
export async function assessorOptions(db: DB): Promise<{ id: number; name: string; role: User["role"] }[]> {
  return db
    .selectFrom("users")
    .select(["id", "name", "role"])
    .where("role", "in", ASSESSOR_ROLES)
    .where("status", "=", "active")
    .orderBy("role")
    .orderBy("name")
    .execute();
}

/** The fields of the planning forms a refusal can belong to. */
export type PlanField = "participantId" | "assessorIds" | "overrideReason" | "conflictReason";

/** Planning (or changing the assessors) was refused; one Dutch message per field. */
export class PlanRefusedError extends UserInputErrors {
  constructor(
    fieldErrors: Partial<Record<PlanField, MessageKey>>,
    /** the participant's own trainer or werkbegeleider among the chosen assessors */
    public readonly conflicts: AssessorWarning[] = [],
  ) {
    super(fieldErrors);
    this.name = "PlanRefusedError";
  }
}

/** Planning was refused because the engine says the participant is no candidate; `reasons` say why. */
export class NotCandidateError extends PlanRefusedError {
  constructor(
    public readonly reasons: Missing[],
    fieldErrors: Partial<Record<PlanField, MessageKey>> = { participantId: "interview.notCandidate" },
    conflicts: AssessorWarning[] = [],
  ) {
    super(fieldErrors, conflicts);
    this.name = "NotCandidateError";
  }
}

/**
 * Messages about a planned interview (interview-planned), in the caller's transaction: to the
 * participant and to the assessors (`to`). The key holds the planned day, time and the plan's
 * calendar sequence (raised on every change of day, time or place), so a plan that changes is
 * sent again, and the same plan never twice to the same person.
 */
async function notifyInterviewPlan(
  trx: DB,
  interviewId: number,
  to: { participant: boolean; assessorIds: number[] | "all" },
  changed: boolean,
  baseUrl: string,
  now: Date,
): Promise<boolean> {
  const interview = await trx
    .selectFrom("interviews")
    .select(["id", "participant_id", "date", "start_time", "calendar_sequence"])
    .where("id", "=", interviewId)
    .executeTakeFirstOrThrow();
  const assessorIds =
    to.assessorIds === "all"
      ? (await trx.selectFrom("interview_assessors").select("user_id").where("interview_id", "=", interviewId).execute()).map((a) => a.user_id)
      : to.assessorIds;
  const plan = `${interview.date}T${interview.start_time}.${interview.calendar_sequence}`;
  const common = { type: "interview-planned" as const, baseUrl, now, dedupeKey: (userId: number) => `interview-planned:${interview.id}:${plan}:${userId}` };
  const when = { interviewId: interview.id, date: interview.date, startTime: interview.start_time, changed };
  const toParticipant = to.participant
    ? await notifyEach(trx, {
        ...common,
        userIds: [interview.participant_id],
        build: (lang) => interviewPlannedMail(baseUrl, lang, { ...when, role: "participant" }),
      })
    : false;
  const toAssessors = await notifyEach(trx, {
    ...common,
    userIds: assessorIds.filter((id) => id !== interview.participant_id),
    build: (lang) => interviewPlannedMail(baseUrl, lang, { ...when, role: "assessor" }),
  });
  return toParticipant || toAssessors;
}

/** At least this many distinct assessors who can sign: planned, and signed before it is final. */
export const MIN_ASSESSORS = 2;

/** A recorded reason: at least a few characters after trimming, else none. */
function reasonOf(text: string | null | undefined): string | null {
  const t = text?.trim() ?? "";
  return t.length >= 3 ? t : null;
}

interface AssessorCheck {
  ids: number[];
  fieldErrors: Partial<Record<PlanField, MessageKey>>;
  conflicts: AssessorWarning[];
  /** the coordinator's recorded permission for the conflicts, for the audit line */
  conflict: { reason: string; assessors: { id: number; reason: AssessorWarning["reason"] }[] } | null;
}

/**
 * The assessor rule, for planning and for changing assessors: at least two distinct people, each
 * an active examiner or coordinator (someone who can open and sign the interview), never the
 * participant; the participant's own trainer or werkbegeleider only when a coordinator records why.
 */
async function checkAssessors(
  db: DB,
  actor: Actor,
  participantId: number,
  assessorIds: number[],
  conflictReason: string | null | undefined,
): Promise<AssessorCheck> {
  const ids = [...new Set(assessorIds)];
  const fieldErrors: AssessorCheck["fieldErrors"] = {};
  if (ids.length < MIN_ASSESSORS) fieldErrors.assessorIds = "interview.assessorsRequired";
  if (ids.length > 0) {
    const able = await db
      .selectFrom("users")
      .select("id")
      .where("id", "in", ids)
      .where("role", "in", ASSESSOR_ROLES)
      .where("status", "=", "active")
      .where("id", "<>", participantId)
      .execute();
    if (able.length !== ids.length) fieldErrors.assessorIds = "interview.assessorsCannotSign";
  }
  const conflicts = await assessorWarnings(db, participantId, ids);
  let conflict: AssessorCheck["conflict"] = null;
  if (conflicts.length > 0) {
    const reason = actor.role === "coordinator" ? reasonOf(conflictReason) : null;
    if (actor.role !== "coordinator") fieldErrors.assessorIds ??= "interview.assessorConflict";
    else if (!reason) fieldErrors.conflictReason = "interview.conflictReason.required";
    else conflict = { reason, assessors: conflicts.map((c) => ({ id: c.assessorId, reason: c.reason })) };
  }
  return { ids, fieldErrors, conflicts, conflict };
}

/**
 * Plans a final interview, whatever was posted:
 * - the participant is a candidate by the engine (interviewCandidate: still in the course, ready,
 *   not passed); a coordinator may plan someone who is not ready yet with a recorded reason, never
 *   someone who left or passed; an examiner never plans a non-candidate;
 * - the assessors pass `checkAssessors`.
 * Refusals and overrides are audited. With `opts.baseUrl` the participant and each assessor get a
 * message (interview-planned) in the same transaction.
 */
export async function planInterview(
  db: DB,
  actor: Actor,
  input: PlanInput,
  now = currentTime(),
  opts: UpdateMailOptions = {},
): Promise<{ id: number; warnings: AssessorWarning[] }> {
  if (!(ASSESSOR_ROLES as readonly string[]).includes(actor.role)) throw new UserInputError("interview.notAssessor");
  const today = amsterdamDay(now);
  const progress = await participantProgress(db, input.participantId, today);
  const enrolment = progress
    ? await db
        .selectFrom("enrolments as e")
        .innerJoin("cohorts as c", "c.id", "e.cohort_id")
        .select(["e.cohort_id", "c.leerlijn_version_id"])
        .where("e.participant_id", "=", input.participantId)
        .where("e.id", "=", currentEnrolmentId("e.participant_id"))
        .executeTakeFirst()
    : undefined;
  if (!progress || !enrolment) throw new UserInputError("interview.participantUnknown", "participantId");
  const refuse = async <E extends UserInputError>(error: E, details: Record<string, unknown>): Promise<E> => {
    await audit(db, { actor, action: "interview.plan", target: { type: "participant", id: input.participantId }, outcome: "failure", details, at: now });
    return error;
  };
  const fieldErrors: Partial<Record<PlanField, MessageKey>> = {};
  let reasons: Missing[] | null = null;
  let override: { reason: string; refusals: string[] } | null = null;
  if (!interviewCandidate(progress.eligibility)) {
    reasons = allMissing(progress.eligibility);
    const passed = progress.eligibility.requirements.some((r) => r.code === "interview" && r.met);
    const reason = actor.role === "coordinator" ? reasonOf(input.overrideReason) : null;
    if (actor.role !== "coordinator") fieldErrors.participantId = "interview.notCandidate";
    else if (progress.eligibility.blockers.length > 0 || passed) fieldErrors.participantId = "interview.override.notPossible";
    else if (!reason) {
      fieldErrors.participantId = "interview.notReady";
      fieldErrors.overrideReason = "interview.overrideReason.required";
    } else override = { reason, refusals: reasons.map((r) => r.key) };
  }
  if (!fieldErrors.participantId) {
    const open = await db
      .selectFrom("interviews")
      .select("id")
      .where("participant_id", "=", input.participantId)
      .where("status", "=", "gepland")
      .executeTakeFirst();
    if (open) throw await refuse(new UserInputError("interview.alreadyPlanned"), { refusals: ["interview.alreadyPlanned"] });
  }
  const check = await checkAssessors(db, actor, input.participantId, input.assessorIds, input.conflictReason);
  Object.assign(fieldErrors, check.fieldErrors);
  if (Object.keys(fieldErrors).length > 0) {
    const refusals = [...(reasons && fieldErrors.participantId ? reasons.map((r) => r.key) : []), ...Object.values(fieldErrors)];
    const error =
      reasons && fieldErrors.participantId ? new NotCandidateError(reasons, fieldErrors, check.conflicts) : new PlanRefusedError(fieldErrors, check.conflicts);
    throw await refuse(error, { refusals, fields: fieldErrors, assessors: check.ids });
  }
  const ids = check.ids;
  const stamp = now.toISOString();
  const { id, mailQueued } = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("interviews")
      .values({
        participant_id: input.participantId,
        cohort_id: enrolment.cohort_id,
        leerlijn_version_id: enrolment.leerlijn_version_id,
        date: input.date,
        start_time: input.startTime,
        location: input.location,
        status: "gepland",
        outcome: null,
        motivation: null,
        advice: null,
        corrects_id: null,
        correction_reason: null,
        superseded_at: null,
        created_by: actor.id,
        created_at: stamp,
        updated_at: stamp,
        finalised_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("interview_assessors")
      .values(ids.map((user_id) => ({ interview_id: row.id, user_id, signed_at: null })))
      .execute();
    await audit(trx, {
      actor,
      action: "interview.plan",
      target: { type: "interview", id: row.id },
      details: {
        participantId: input.participantId,
        assessors: ids,
        ...(override ? { override } : {}),
        ...(check.conflict ? { conflict: check.conflict } : {}),
      },
      at: now,
    });
    const mailQueued = opts.baseUrl ? await notifyInterviewPlan(trx, row.id, { participant: true, assessorIds: ids }, false, opts.baseUrl, now) : false;
    return { id: row.id, mailQueued };
  });
  if (mailQueued) nudgeMailSender();
  return { id, warnings: check.conflicts };
}

/** A planned interview the coordinator may still change: not finalised. */
async function requirePlannedForCoordinator(db: DB, actor: Actor, interviewId: number) {
  if (actor.role !== "coordinator") throw new UserInputError("interview.notAssessor");
  const interview = await db.selectFrom("interviews").selectAll().where("id", "=", interviewId).executeTakeFirst();
  if (!interview) throw new UserInputError("interview.unknown");
  if (interview.status !== "gepland") throw new UserInputError("interview.locked");
  return interview;
}

/**
 * The coordinator gives a planned interview a new date, time or place (e.g. it was held earlier
 * than planned). A new date or time clears the signatures already given: they were given for
 * another plan. `location` undefined keeps the place. Audited; nothing changed: no audit line.
 * With `opts.baseUrl` the participant and the assessors hear of the new plan (interview-planned).
 */
export async function rescheduleInterview(
  db: DB,
  actor: Actor,
  interviewId: number,
  input: { date: string; startTime: string; location?: string | null },
  now = currentTime(),
  opts: UpdateMailOptions = {},
): Promise<{ changed: boolean }> {
  const interview = await requirePlannedForCoordinator(db, actor, interviewId);
  const location = input.location === undefined ? interview.location : input.location;
  const moved = input.date !== interview.date || input.startTime !== interview.start_time;
  const placeChanged = location !== interview.location;
  if (!moved && !placeChanged) return { changed: false };
  const mailQueued = await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("interviews")
      .set({ date: input.date, start_time: input.startTime, location, updated_at: now.toISOString() })
      .where("id", "=", interviewId)
      .where("status", "=", "gepland")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new UserInputError("interview.locked");
    const cleared = moved ? await clearSignatures(trx, actor, interviewId, "rescheduled", now) : [];
    await audit(trx, {
      actor,
      action: "interview.reschedule",
      target: { type: "interview", id: interviewId },
      details: {
        from: `${interview.date} ${interview.start_time}`,
        to: `${input.date} ${input.startTime}`,
        ...(placeChanged ? { location: { from: interview.location, to: location } } : {}),
        ...(cleared.length > 0 ? { clearedSignatures: cleared } : {}),
      },
      at: now,
    });
    return opts.baseUrl ? notifyInterviewPlan(trx, interviewId, { participant: true, assessorIds: "all" }, true, opts.baseUrl, now) : false;
  });
  if (mailQueued) nudgeMailSender();
  return { changed: true };
}

/**
 * The coordinator changes the assessors of a planned interview, by the same rule as planning
 * (`checkAssessors`). Signatures already given are cleared: they were given by another panel.
 * With `opts.baseUrl` a newly added assessor gets the message of the plan (interview-planned).
 */
export async function changeAssessors(
  db: DB,
  actor: Actor,
  interviewId: number,
  input: { assessorIds: number[]; conflictReason?: string | null },
  now = currentTime(),
  opts: UpdateMailOptions = {},
): Promise<{ changed: boolean; warnings: AssessorWarning[] }> {
  const interview = await requirePlannedForCoordinator(db, actor, interviewId);
  const check = await checkAssessors(db, actor, interview.participant_id, input.assessorIds, input.conflictReason);
  if (Object.keys(check.fieldErrors).length > 0) {
    await audit(db, {
      actor,
      action: "interview.assessors",
      target: { type: "interview", id: interviewId },
      outcome: "failure",
      details: { refusals: Object.values(check.fieldErrors), assessors: check.ids },
      at: now,
    });
    throw new PlanRefusedError(check.fieldErrors, check.conflicts);
  }
  const before = (await db.selectFrom("interview_assessors").select("user_id").where("interview_id", "=", interviewId).execute()).map((a) => a.user_id);
  const same = before.length === check.ids.length && check.ids.every((id) => before.includes(id));
  if (same) return { changed: false, warnings: check.conflicts };
  const mailQueued = await db.transaction().execute(async (trx) => {
    const still = await trx
      .updateTable("interviews")
      .set({ updated_at: now.toISOString() })
      .where("id", "=", interviewId)
      .where("status", "=", "gepland")
      .executeTakeFirst();
    if (Number(still.numUpdatedRows) === 0) throw new UserInputError("interview.locked");
    const cleared = await clearSignatures(trx, actor, interviewId, "assessorsChanged", now);
    const removed = before.filter((id) => !check.ids.includes(id));
    const added = check.ids.filter((id) => !before.includes(id));
    if (removed.length > 0) await trx.deleteFrom("interview_assessors").where("interview_id", "=", interviewId).where("user_id", "in", removed).execute();
    if (added.length > 0)
      await trx
        .insertInto("interview_assessors")
        .values(added.map((user_id) => ({ interview_id: interviewId, user_id, signed_at: null })))
        .execute();
    await audit(trx, {
      actor,
      action: "interview.assessors",
      target: { type: "interview", id: interviewId },
      details: {
        participantId: interview.participant_id,
        from: before,
        to: check.ids,
        ...(check.conflict ? { conflict: check.conflict } : {}),
        ...(cleared.length > 0 ? { clearedSignatures: cleared } : {}),
      },
      at: now,
    });
    const toAdded =
      opts.baseUrl && added.length > 0
        ? await notifyInterviewPlan(trx, interviewId, { participant: false, assessorIds: added }, false, opts.baseUrl, now)
        : false;
    // A removed assessor hears it is off their list (once per change of the panel).
    const baseUrl = opts.baseUrl;
    const toRemoved = baseUrl
      ? await notifyEach(trx, {
          type: "interview-cancelled",
          baseUrl,
          now,
          userIds: removed.filter((id) => id !== interview.participant_id),
          dedupeKey: (userId) => `interview-unassigned:${interviewId}:${userId}:${now.toISOString()}`,
          build: (lang) => interviewCancelledMail(baseUrl, lang, { role: "assessor", date: interview.date, startTime: interview.start_time, removed: true }),
        })
      : false;
    return toAdded || toRemoved;
  });
  if (mailQueued) nudgeMailSender();
  return { changed: true, warnings: check.conflicts };
}

/**
 * The coordinator cancels a planned interview, with a reason. The plan and its draft judgement
 * are removed; the audit line keeps what was planned and why it was cancelled. The participant
 * can then be planned again. With `opts.baseUrl` the participant and the assessors hear that it
 * does not go ahead (interview-cancelled), never the reason.
 */
export async function cancelInterview(
  db: DB,
  actor: Actor,
  interviewId: number,
  reason: string,
  now = currentTime(),
  opts: UpdateMailOptions = {},
): Promise<{ participantId: number }> {
  const interview = await requirePlannedForCoordinator(db, actor, interviewId);
  const why = reasonOf(reason);
  if (!why) throw new UserInputError("form.required", "reason");
  const mailQueued = await db.transaction().execute(async (trx) => {
    const assessors = await trx.selectFrom("interview_assessors").select(["user_id", "signed_at"]).where("interview_id", "=", interviewId).execute();
    // Children first: the foreign keys cascade, but not every connection enforces them.
    await trx.deleteFrom("interview_assessors").where("interview_id", "=", interviewId).execute();
    await trx.deleteFrom("interview_criteria").where("interview_id", "=", interviewId).execute();
    await trx.deleteFrom("interview_competencies").where("interview_id", "=", interviewId).execute();
    await trx.deleteFrom("objections").where("interview_id", "=", interviewId).execute();
    const result = await trx.deleteFrom("interviews").where("id", "=", interviewId).where("status", "=", "gepland").executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new UserInputError("interview.locked");
    await audit(trx, {
      actor,
      action: "interview.cancel",
      target: { type: "interview", id: interviewId },
      details: {
        participantId: interview.participant_id,
        date: interview.date,
        startTime: interview.start_time,
        location: interview.location,
        assessors: assessors.map((a) => a.user_id),
        signedBy: assessors.filter((a) => a.signed_at).map((a) => a.user_id),
        corrects: interview.corrects_id,
        reason: why,
      },
      at: now,
    });
    const baseUrl = opts.baseUrl;
    if (!baseUrl) return false;
    const when = { date: interview.date, startTime: interview.start_time };
    const common = { type: "interview-cancelled" as const, baseUrl, now, dedupeKey: (userId: number) => `interview-cancelled:${interviewId}:${userId}` };
    const toParticipant = await notifyEach(trx, {
      ...common,
      userIds: [interview.participant_id],
      build: (lang) => interviewCancelledMail(baseUrl, lang, { ...when, role: "participant" }),
    });
    const toAssessors = await notifyEach(trx, {
      ...common,
      userIds: assessors.map((a) => a.user_id).filter((id) => id !== interview.participant_id),
      build: (lang) => interviewCancelledMail(baseUrl, lang, { ...when, role: "assessor" }),
    });
    return toParticipant || toAssessors;
  });
  if (mailQueued) nudgeMailSender();
  return { participantId: interview.participant_id };
}

export interface InterviewDetail {
  id: number;
  participant: { id: number; name: string };
  cohort: { id: number; name: string };
  date: string;
  start_time: string;
  location: string | null;
  status: "gepland" | "afgerond";
  outcome: InterviewOutcome | null;
  motivation: string | null;
  advice: string | null;
  finalised_at: string | null;
  corrects_id: number | null;
  correction_reason: string | null;
  superseded_at: string | null;
  assessors: { id: number; name: string; signed_at: string | null }[];
  competencies: CompetencyDef[];
  criteria: Record<string, { demonstrated: boolean | null; justification: string | null }>;
  judgements: Record<string, CompetencyJudgement | null>;
  objectionDays: number;
  objections: { id: number; text: string; lodged_at: string; resolution: string | null; resolved_at: string | null }[];
}

/**
 * One interview as this viewer may see it: an assessor or a coordinator the whole record; the
 * participant only their own, and only once it is finalised. Anyone else: undefined.
 */
export async function interviewForViewer(db: DB, viewer: Pick<User, "id" | "role">, interviewId: number): Promise<InterviewDetail | undefined> {
  const row = await db
    .selectFrom("interviews as i")
    .innerJoin("users as u", "u.id", "i.participant_id")
    .innerJoin("cohorts as c", "c.id", "i.cohort_id")
    .selectAll("i")
    .select(["u.name as participant_name", "c.name as cohort_name"])
    .where("i.id", "=", interviewId)
    .executeTakeFirst();
  if (!row) return undefined;
  const assessors = await db
    .selectFrom("interview_assessors as a")
    .innerJoin("users as u", "u.id", "a.user_id")
    .select(["u.id", "u.name", "a.signed_at"])
    .where("a.interview_id", "=", interviewId)
    .orderBy("u.name")
    .execute();
  const allowed =
    viewer.role === "coordinator" ||
    (assessors.some((a) => a.id === viewer.id) && viewer.role !== "participant") ||
    (viewer.role === "participant" && viewer.id === row.participant_id && row.status === "afgerond");
  if (!allowed) return undefined;
  const version = await getVersion(db, row.leerlijn_version_id);
  const criteria = await db.selectFrom("interview_criteria").selectAll().where("interview_id", "=", interviewId).execute();
  const comps = await db.selectFrom("interview_competencies").selectAll().where("interview_id", "=", interviewId).execute();
  const objections = await db
    .selectFrom("objections")
    .select(["id", "text", "lodged_at", "resolution", "resolved_at"])
    .where("interview_id", "=", interviewId)
    .orderBy("id")
    .execute();
  return {
    id: row.id,
    participant: { id: row.participant_id, name: row.participant_name },
    cohort: { id: row.cohort_id, name: row.cohort_name },
    date: row.date,
    start_time: row.start_time,
    location: row.location,
    status: row.status,
    outcome: row.outcome,
    motivation: row.motivation,
    advice: row.advice,
    finalised_at: row.finalised_at,
    corrects_id: row.corrects_id,
    correction_reason: row.correction_reason,
    superseded_at: row.superseded_at,
    assessors,
    competencies: (version?.definition.competencies ?? []).map((c) => ({ code: c.code, title: c.title, criteria: c.criteria })),
    criteria: Object.fromEntries(
      criteria.map((c) => [c.criterion_code, { demonstrated: c.demonstrated === null ? null : Boolean(c.demonstrated), justification: c.justification }]),
    ),
    judgements: Object.fromEntries(comps.map((c) => [c.competency_code, c.judgement])),
    objectionDays: version?.definition.rules.objectionDays ?? 14,
    objections,
  };
}

async function requireAssessor(db: DB, actor: Actor, interviewId: number) {
  const interview = await db.selectFrom("interviews").selectAll().where("id", "=", interviewId).executeTakeFirst();
  if (!interview) throw new UserInputError("interview.unknown");
  const assessor = await db
    .selectFrom("interview_assessors")
    .selectAll()
    .where("interview_id", "=", interviewId)
    .where("user_id", "=", actor.id)
    .executeTakeFirst();
  if (!assessor) throw new UserInputError("interview.notAssessor");
  return interview;
}

export interface JudgementInput {
  criteria: Record<string, { demonstrated: boolean | null; justification: string | null }>;
  competencies: Record<string, CompetencyJudgement | null>;
  outcome: InterviewOutcome | null;
  motivation: string | null;
  advice: string | null;
}

/** Saves a draft judgement. Any change clears signatures already given: they signed another text. */
export async function saveJudgement(db: DB, actor: Actor, interviewId: number, input: JudgementInput, now = currentTime()): Promise<void> {
  const interview = await requireAssessor(db, actor, interviewId);
  if (interview.status === "afgerond") throw new UserInputError("interview.locked");
  const version = await getVersion(db, interview.leerlijn_version_id);
  const known = new Set((version?.definition.competencies ?? []).flatMap((c) => c.criteria.map((x) => x.code)));
  const knownComps = new Set((version?.definition.competencies ?? []).map((c) => c.code));
  const before = JSON.stringify(await judgementSnapshot(db, interviewId));
  await db.transaction().execute(async (trx) => {
    for (const [code, v] of Object.entries(input.criteria)) {
      if (!known.has(code)) continue;
      const values = { demonstrated: v.demonstrated === null ? null : v.demonstrated ? 1 : 0, justification: v.justification };
      await trx
        .insertInto("interview_criteria")
        .values({ interview_id: interviewId, criterion_code: code, ...values })
        .onConflict((oc) => oc.columns(["interview_id", "criterion_code"]).doUpdateSet(values))
        .execute();
    }
    for (const [code, judgement] of Object.entries(input.competencies)) {
      if (!knownComps.has(code)) continue;
      await trx
        .insertInto("interview_competencies")
        .values({ interview_id: interviewId, competency_code: code, judgement })
        .onConflict((oc) => oc.columns(["interview_id", "competency_code"]).doUpdateSet({ judgement }))
        .execute();
    }
    await trx
      .updateTable("interviews")
      .set({ outcome: input.outcome, motivation: input.motivation, advice: input.advice, updated_at: now.toISOString() })
      .where("id", "=", interviewId)
      .execute();
    // Signatures stand for a text: when the text changed, earlier signatures no longer count.
    if (JSON.stringify(await judgementSnapshot(trx, interviewId)) !== before) {
      await clearSignatures(trx, actor, interviewId, "judgementChanged", now);
    }
  });
}

/** Why signatures were cleared: the judgement changed, or the coordinator recorded another date. */
export type SignatureClearedReason = "judgementChanged" | "rescheduled" | "assessorsChanged";

/**
 * Clears every signature of the interview, and audits each one that was given: who cleared whose
 * signature, signed when, and why. The assessor whose signature it was is told on the interview
 * page (`clearedSignatureFor`).
 */
async function clearSignatures(trx: DB, actor: Actor, interviewId: number, reason: SignatureClearedReason, now: Date): Promise<number[]> {
  const signed = await trx
    .selectFrom("interview_assessors")
    .select(["user_id", "signed_at"])
    .where("interview_id", "=", interviewId)
    .where("signed_at", "is not", null)
    .execute();
  if (signed.length > 0) await trx.updateTable("interview_assessors").set({ signed_at: null }).where("interview_id", "=", interviewId).execute();
  for (const s of signed) {
    await audit(trx, {
      actor,
      action: "interview.signature_cleared",
      target: { type: "interview", id: interviewId },
      details: { assessorId: s.user_id, signedAt: s.signed_at, reason },
      at: now,
    });
  }
  return signed.map((s) => s.user_id);
}

/**
 * When someone else's change cleared this assessor's signature and they have not signed again:
 * who, when and why (the newest such clearing), for the notice on the interview page.
 */
export async function clearedSignatureFor(
  db: DB,
  interviewId: number,
  assessorId: number,
): Promise<{ by: string; at: string; reason: SignatureClearedReason } | null> {
  const mine = await db
    .selectFrom("interview_assessors")
    .select("signed_at")
    .where("interview_id", "=", interviewId)
    .where("user_id", "=", assessorId)
    .executeTakeFirst();
  const interview = await db.selectFrom("interviews").select("status").where("id", "=", interviewId).executeTakeFirst();
  if (!mine || mine.signed_at !== null || interview?.status !== "gepland") return null;
  const rows = await db
    .selectFrom("audit_log as l")
    .leftJoin("users as u", "u.id", "l.actor_id")
    .select(["l.actor_id", "l.at", "l.details", "u.name"])
    .where("l.action", "=", "interview.signature_cleared")
    .where("l.target_type", "=", "interview")
    .where("l.target_id", "=", String(interviewId))
    .orderBy("l.id", "desc")
    .execute();
  for (const r of rows) {
    const details = JSON.parse(r.details ?? "{}") as { assessorId?: number; reason?: SignatureClearedReason };
    if (details.assessorId !== assessorId) continue;
    // The newest clearing of this signature; their own change needs no notice.
    if (r.actor_id === assessorId) return null;
    return { by: r.name ?? "", at: r.at, reason: details.reason ?? "judgementChanged" };
  }
  return null;
}

/** Everything an assessor signs for, in a stable order, to tell whether it changed. */
async function judgementSnapshot(db: DB, interviewId: number) {
  const draft = await draftOf(db, interviewId);
  const i = await db.selectFrom("interviews").select("advice").where("id", "=", interviewId).executeTakeFirstOrThrow();
  return {
    criteria: [...draft.criteria].sort((a, b) => a.code.localeCompare(b.code)),
    competencies: [...draft.competencies].sort((a, b) => a.code.localeCompare(b.code)),
    outcome: draft.outcome,
    motivation: draft.motivation,
    advice: i.advice,
  };
}

async function draftOf(db: DB, interviewId: number): Promise<JudgementDraft> {
  const i = await db.selectFrom("interviews").select(["outcome", "motivation"]).where("id", "=", interviewId).executeTakeFirstOrThrow();
  const criteria = await db.selectFrom("interview_criteria").selectAll().where("interview_id", "=", interviewId).execute();
  const comps = await db.selectFrom("interview_competencies").selectAll().where("interview_id", "=", interviewId).execute();
  return {
    criteria: criteria.map((c) => ({
      code: c.criterion_code,
      demonstrated: c.demonstrated === null ? null : Boolean(c.demonstrated),
      justification: c.justification,
    })),
    competencies: comps.map((c) => ({ code: c.competency_code, judgement: c.judgement })),
    outcome: i.outcome,
    motivation: i.motivation,
  };
}

/**
 * An assessor signs the judgement with their own account. Refused while anything is missing.
 * When every assessor has signed, the record is finalised and locked.
 */
export async function signJudgement(db: DB, actor: Actor, interviewId: number, now = currentTime()): Promise<{ finalised: boolean }> {
  const interview = await requireAssessor(db, actor, interviewId);
  if (interview.status === "afgerond") throw new UserInputError("interview.locked");
  const refuse = async (error: Error, reason: string) => {
    await audit(db, { actor, action: "interview.sign", target: { type: "interview", id: interviewId }, outcome: "failure", details: { reason }, at: now });
    return error;
  };
  // Signed on or after the planned day, never before the interview was held.
  if (amsterdamDay(now) < interview.date) throw await refuse(new UserInputError("interview.notYetHeld"), "interview.notYetHeld");
  // Only someone who can sign today: an active account with an assessor's role.
  const signer = await db.selectFrom("users").select(["role", "status"]).where("id", "=", actor.id).executeTakeFirst();
  if (!signer || signer.status !== "active" || !(ASSESSOR_ROLES as readonly string[]).includes(signer.role))
    throw await refuse(new UserInputError("interview.cannotSign"), "interview.cannotSign");
  const version = await getVersion(db, interview.leerlijn_version_id);
  const problems = finaliseProblems(
    await draftOf(db, interviewId),
    (version?.definition.competencies ?? []).map((c) => ({ code: c.code, title: c.title, criteria: c.criteria })),
  );
  if (problems.length > 0) throw new FinaliseRefusedError(problems);
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable("interview_assessors")
      .set({ signed_at: now.toISOString() })
      .where("interview_id", "=", interviewId)
      .where("user_id", "=", actor.id)
      .execute();
    await audit(trx, { actor, action: "interview.sign", target: { type: "interview", id: interviewId }, at: now });
    const unsigned = await trx
      .selectFrom("interview_assessors")
      .select("user_id")
      .where("interview_id", "=", interviewId)
      .where("signed_at", "is", null)
      .executeTakeFirst();
    if (unsigned) return { finalised: false };
    // Final only with at least two distinct signers who can sign (active, with an assessor's role).
    const signers = await trx
      .selectFrom("interview_assessors as a")
      .innerJoin("users as u", "u.id", "a.user_id")
      .select("a.user_id")
      .where("a.interview_id", "=", interviewId)
      .where("a.signed_at", "is not", null)
      .where("u.status", "=", "active")
      .where("u.role", "in", ASSESSOR_ROLES)
      .execute();
    if (new Set(signers.map((x) => x.user_id)).size < MIN_ASSESSORS) return { finalised: false };
    await trx
      .updateTable("interviews")
      .set({ status: "afgerond", finalised_at: now.toISOString(), updated_at: now.toISOString() })
      .where("id", "=", interviewId)
      .execute();
    if (interview.corrects_id) await trx.updateTable("interviews").set({ superseded_at: now.toISOString() }).where("id", "=", interview.corrects_id).execute();
    await audit(trx, {
      actor,
      action: "interview.finalise",
      target: { type: "interview", id: interviewId },
      details: { participantId: interview.participant_id, outcome: interview.outcome, corrects: interview.corrects_id },
      at: now,
    });
    // A correction that is no longer "geslaagd" ends the certificate at once, in this transaction.
    if (interview.corrects_id && interview.outcome !== "geslaagd") await revokeAfterCorrection(trx, actor, interview, now);
    return { finalised: true };
  });
}

/**
 * The participant's valid certificate(s) end publicly ("ingetrokken na correctie", with the
 * date) when a finalised correction turns the result into anything but "geslaagd"; the
 * coordinators get a notice in the app. Runs inside the finalising transaction.
 */
async function revokeAfterCorrection(
  trx: DB,
  actor: Actor,
  correction: { id: number; participant_id: number; outcome: InterviewOutcome | null; correction_reason: string | null },
  now: Date,
): Promise<void> {
  const valid = await trx
    .selectFrom("certificates")
    .select(["id", "number"])
    .where("participant_id", "=", correction.participant_id)
    .where("revoked_at", "is", null)
    .where("superseded_by_id", "is", null)
    .execute();
  for (const cert of valid) {
    await trx
      .updateTable("certificates")
      .set({ revoked_at: now.toISOString(), revoked_by: actor.id, revoke_reason: correction.correction_reason, revoke_kind: "correctie" })
      .where("id", "=", cert.id)
      .execute();
    await trx
      .insertInto("coordinator_notices")
      .values({
        kind: "certificate.revokedAfterCorrection",
        participant_id: correction.participant_id,
        certificate_id: cert.id,
        interview_id: correction.id,
        created_at: now.toISOString(),
        seen_at: null,
        seen_by: null,
      })
      .execute();
    await audit(trx, {
      actor,
      action: "certificate.revoke",
      target: { type: "certificate", id: cert.id },
      details: { number: cert.number, afterCorrection: correction.id, outcome: correction.outcome, reason: correction.correction_reason },
      at: now,
    });
  }
}

/** A finalised record is never changed: a correction is a new, linked record with a reason. */
export async function correctInterview(db: DB, actor: Actor, interviewId: number, reason: string, now = currentTime()): Promise<number> {
  const original = await requireAssessor(db, actor, interviewId).catch(async (e) => {
    if (actor.role !== "coordinator") throw e;
    return db.selectFrom("interviews").selectAll().where("id", "=", interviewId).executeTakeFirstOrThrow();
  });
  if (original.status !== "afgerond" || original.superseded_at) throw new UserInputError("interview.notCorrectable");
  const pending = await db.selectFrom("interviews").select("id").where("corrects_id", "=", interviewId).where("status", "=", "gepland").executeTakeFirst();
  if (pending) return pending.id;
  const stamp = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const { id: _id, ...copy } = original;
    const row = await trx
      .insertInto("interviews")
      .values({
        ...copy,
        status: "gepland",
        corrects_id: original.id,
        correction_reason: reason,
        superseded_at: null,
        created_by: actor.id,
        created_at: stamp,
        updated_at: stamp,
        finalised_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const assessors = await trx.selectFrom("interview_assessors").select("user_id").where("interview_id", "=", original.id).execute();
    await trx
      .insertInto("interview_assessors")
      .values(assessors.map((a) => ({ interview_id: row.id, user_id: a.user_id, signed_at: null })))
      .execute();
    const criteria = await trx.selectFrom("interview_criteria").selectAll().where("interview_id", "=", original.id).execute();
    if (criteria.length)
      await trx
        .insertInto("interview_criteria")
        .values(criteria.map((c) => ({ ...c, interview_id: row.id })))
        .execute();
    const comps = await trx.selectFrom("interview_competencies").selectAll().where("interview_id", "=", original.id).execute();
    if (comps.length)
      await trx
        .insertInto("interview_competencies")
        .values(comps.map((c) => ({ ...c, interview_id: row.id })))
        .execute();
    await audit(trx, { actor, action: "interview.correct", target: { type: "interview", id: row.id }, details: { corrects: original.id, reason }, at: now });
    return row.id;
  });
}

/** The participant lodges a bezwaar within the leerlijn's number of days after finalising. */
export async function lodgeObjection(
  db: DB,
  participant: Pick<User, "id" | "role">,
  interviewId: number,
  text: string,
  today: string,
  now = currentTime(),
): Promise<void> {
  const interview = await db.selectFrom("interviews").selectAll().where("id", "=", interviewId).where("participant_id", "=", participant.id).executeTakeFirst();
  if (!interview || interview.status !== "afgerond") throw new UserInputError("interview.unknown");
  const version = await getVersion(db, interview.leerlijn_version_id);
  const days = version?.definition.rules.objectionDays ?? 14;
  if (!canObject(interview.finalised_at, days, today)) throw new UserInputError("objection.tooLate");
  const open = await db.selectFrom("objections").select("id").where("interview_id", "=", interviewId).where("resolved_at", "is", null).executeTakeFirst();
  if (open) throw new UserInputError("objection.alreadyOpen");
  await db
    .insertInto("objections")
    .values({
      interview_id: interviewId,
      text,
      lodged_at: now.toISOString(),
      lodged_by: participant.id,
      resolution: null,
      resolved_at: null,
      resolved_by: null,
    })
    .execute();
  await audit(db, {
    actor: participant,
    action: "objection.lodge",
    target: { type: "interview", id: interviewId },
    details: { deadline: objectionDeadline(interview.finalised_at!, days) },
    at: now,
  });
}

export async function resolveObjection(db: DB, coordinator: Actor, objectionId: number, resolution: string, now = currentTime()): Promise<void> {
  const result = await db
    .updateTable("objections")
    .set({ resolution, resolved_at: now.toISOString(), resolved_by: coordinator.id })
    .where("id", "=", objectionId)
    .where("resolved_at", "is", null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new UserInputError("objection.unknown");
  await audit(db, { actor: coordinator, action: "objection.resolve", target: { type: "objection", id: objectionId }, at: now });
}

export async function openObjections(db: DB) {
  return db
    .selectFrom("objections as o")
    .innerJoin("interviews as i", "i.id", "o.interview_id")
    .innerJoin("users as u", "u.id", "i.participant_id")
    .select(["o.id", "o.text", "o.lodged_at", "i.id as interview_id", "u.name", "i.outcome"])
    .where("o.resolved_at", "is", null)
    .orderBy("o.lodged_at")
    .execute();
}

/** Interviews this person assesses (a coordinator: all), upcoming and drafts first. */
/** Held interviews per page on the overview (years of history would otherwise be one long table). */
export const HELD_PAGE_SIZE = 20;

/**
 * The interviews a viewer sees (an examiner: where they assess; a coordinator: all): every planned
 * one, soonest first, and one page of held ones, most recent first.
 */
export async function interviewsFor(db: DB, viewer: Pick<User, "id" | "role">, opts: { page?: number } = {}) {
  // An examiner sees the interviews they assess. An "exists" check (not a join): the database walks
  // the interviews in the order shown (index interviews_status_date, migration 0019) and checks
  // each against this examiner's assessments, so one page stops after its rows however many
  // interviews the years have added. A status is 'gepland' or 'afgerond' (a check constraint).
  const base = () => {
    const q = db.selectFrom("interviews as i").innerJoin("users as u", "u.id", "i.participant_id");
    if (viewer.role === "coordinator") return q;
    return q.where((eb) =>
      eb.exists(eb.selectFrom("interview_assessors as a").select("a.interview_id").whereRef("a.interview_id", "=", "i.id").where("a.user_id", "=", viewer.id)),
    );
  };
  const columns = ["i.id", "i.date", "i.start_time", "i.status", "i.outcome", "i.corrects_id", "i.superseded_at", "u.name", "u.id as participant_id"] as const;
  const [planned, count] = await Promise.all([
    base().select(columns).where("i.status", "=", "gepland").orderBy("i.date").orderBy("i.start_time").orderBy("i.id").execute(),
    // All of the viewer's interviews, counted on an index alone (the held ones are those minus the
    // planned ones): no interview row is read for the count.
    viewer.role === "coordinator"
      ? db
          .selectFrom("interviews")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      : db
          .selectFrom("interview_assessors")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("user_id", "=", viewer.id)
          .executeTakeFirstOrThrow(),
  ]);
  const heldTotal = Number(count.n) - planned.length;
  const pages = Math.max(1, Math.ceil(heldTotal / HELD_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(opts.page ?? 1)), pages);
  const held = await base()
    .select(columns)
    .where("i.status", "=", "afgerond")
    .orderBy("i.date", "desc")
    .orderBy("i.start_time", "desc")
    .orderBy("i.id", "desc")
    .limit(HELD_PAGE_SIZE)
    .offset((page - 1) * HELD_PAGE_SIZE)
    .execute();
  return { planned, held, heldTotal, page, pages };
}

/** One final interview as the participant sees it on their own page (`/deelnemer/eindgesprek`). */
export interface ParticipantInterviewView {
  id: number;
  date: string;
  start_time: string;
  location: string | null;
  final: boolean;
  superseded: boolean;
  outcome: InterviewOutcome | null;
  motivation: string | null;
  advice: string | null;
  deadline: string | null;
  mayObject: boolean;
  objections: { id: number; text: string; lodged_at: string; resolution: string | null; resolved_at: string | null }[];
}

/**
 * The participant's own interviews and certificates: the judgement once it is final (before that
 * only the appointment), the objection period of its leerlijn version and whether they may object.
 */
export async function participantInterviewPage(
  db: DB,
  participantId: number,
  today: string,
): Promise<{ interviews: ParticipantInterviewView[]; certificates: ParticipantCertificate[] }> {
  const interviews = await participantInterviews(db, participantId);
  const shown: ParticipantInterviewView[] = [];
  for (const i of interviews) {
    const version = await getVersion(db, i.leerlijn_version_id);
    const days = version?.definition.rules.objectionDays ?? 14;
    const objections = await db
      .selectFrom("objections")
      .select(["id", "text", "lodged_at", "resolution", "resolved_at"])
      .where("interview_id", "=", i.id)
      .execute();
    // The judgement is shown once it is final; before that only the appointment.
    shown.push({
      id: i.id,
      date: i.date,
      start_time: i.start_time,
      location: i.location,
      final: i.status === "afgerond",
      superseded: i.superseded_at !== null,
      outcome: i.status === "afgerond" ? i.outcome : null,
      motivation: i.status === "afgerond" ? i.motivation : null,
      advice: i.status === "afgerond" ? i.advice : null,
      deadline: i.finalised_at ? objectionDeadline(i.finalised_at, days) : null,
      mayObject: i.status === "afgerond" && !i.superseded_at && canObject(i.finalised_at, days, today) && !objections.some((o) => !o.resolved_at),
      objections,
    });
  }
  return { interviews: shown, certificates: await participantCertificates(db, participantId) };
}

export async function participantInterviews(db: DB, participantId: number) {
  return db
    .selectFrom("interviews")
    .select(["id", "date", "start_time", "location", "status", "outcome", "motivation", "advice", "finalised_at", "superseded_at", "leerlijn_version_id"])
    .where("participant_id", "=", participantId)
    .orderBy("id", "desc")
    .execute();
}

/** Candidates per page on the interview overviews (years of history would otherwise be one long list). */
export const CANDIDATES_PAGE_SIZE = 20;

export interface CandidatesPage {
  /** this page's candidates, the newest cohorts first */
  rows: { id: number; name: string; cohort: string }[];
  total: number;
  page: number;
  pages: number;
}

/**
 * What an interview overview page shows (the examiner's home, the coordinator's interviews): the
 * interviews this viewer sees, one page of the candidates ready for one, and the open objections
 * when asked.
 */
export async function interviewOverview(
  db: DB,
  viewer: Pick<User, "id" | "role">,
  opts: { page: number; candidatesPage?: number; today: string; withObjections: boolean },
) {
  const interviews = await interviewsFor(db, viewer, { page: opts.page });
  const candidates = await interviewCandidatesPage(db, opts.today, opts.candidatesPage ?? 1);
  const objections = opts.withObjections ? await openObjections(db) : [];
  return { interviews, candidates, objections };
}

/**
 * One page of the interview candidates for the overviews: the newest cohorts first (the people an
 * examiner plans now), within a cohort by name. Every candidate stays reachable through the pages;
 * a page past the end shows the last one, nonsense the first.
 */
export async function interviewCandidatesPage(db: DB, today: string, page: number): Promise<CandidatesPage> {
  const all = await cachedOverview(db, "candidates:newest-first", today, async () => {
    const cohorts = await candidatesByCohort(db, today);
    return cohorts.reverse().flat();
  });
  const pages = Math.max(1, Math.ceil(all.length / CANDIDATES_PAGE_SIZE));
  const current = Math.min(Math.max(1, Number.isFinite(page) ? Math.floor(page) : 1), pages);
  return { rows: all.slice((current - 1) * CANDIDATES_PAGE_SIZE, current * CANDIDATES_PAGE_SIZE), total: all.length, page: current, pages };
}

/**
 * Participants the engine says are ready for the final interview and who have none planned or
 * passed yet, across cohorts (oldest cohort first). Worked out once per day and per change in any
 * cohort or certificate (overview-cache.server.ts): a request reads one row however many cohorts
 * the years have added.
 */
export async function interviewCandidates(db: DB, today: string): Promise<{ id: number; name: string; cohort: string }[]> {
  return cachedOverview(db, "candidates", today, async () => (await candidatesByCohort(db, today)).flat());
}

/** The candidates per cohort, the cohorts in order of start (a fixed number of queries per batch of cohorts). */
async function candidatesByCohort(db: DB, today: string): Promise<{ id: number; name: string; cohort: string }[][]> {
  const cohorts = await db.selectFrom("cohorts").select(["id", "name"]).where("kind", "=", "course").orderBy("start_date").orderBy("id").execute();
  // Passed or not is the engine's verdict (its "interview" requirement: the valid final interview
  // was passed); only the planned interviews are read here, a handful instead of every interview
  // ever held.
  const planned = new Set((await db.selectFrom("interviews").select("participant_id").where("status", "=", "gepland").execute()).map((r) => r.participant_id));
  const progressOf = await cohortsProgress(
    db,
    cohorts.map((c) => c.id),
    today,
  );
  const out: { id: number; name: string; cohort: string }[][] = [];
  for (const c of cohorts) {
    const progress = progressOf.get(c.id);
    if (!progress) continue;
    out.push(readyNotPassed(progress).flatMap((p) => (planned.has(p.id) ? [] : [{ id: p.id, name: p.name, cohort: c.name }])));
  }
  return out;
}

/**
 * For the coordinator's override: participants who are still in the course and have not passed,
 * but whom the engine does not call ready yet, without a planned interview. Planning one of them
 * needs a recorded reason (planInterview).
 */
export async function notReadyParticipants(db: DB, today: string): Promise<{ id: number; name: string; cohort: string }[]> {
  const cohorts = await db.selectFrom("cohorts").select(["id", "name"]).where("kind", "=", "course").orderBy("start_date").execute();
  const planned = new Set((await db.selectFrom("interviews").select("participant_id").where("status", "=", "gepland").execute()).map((r) => r.participant_id));
  const progressOf = await cohortsProgress(
    db,
    cohorts.map((c) => c.id),
    today,
  );
  const seen = new Set<number>();
  const out: { id: number; name: string; cohort: string }[] = [];
  for (const c of cohorts) {
    for (const r of progressOf.get(c.id)?.rows ?? []) {
      const e = r.eligibility;
      const passed = e.requirements.some((x) => x.code === "interview" && x.met);
      if (interviewCandidate(e) || passed || e.blockers.length > 0 || planned.has(r.participant.id) || seen.has(r.participant.id)) continue;
      seen.add(r.participant.id);
      out.push({ id: r.participant.id, name: r.participant.name, cohort: c.name });
    }
  }
  return out;
}

/** Per cohort's progress: the engine's candidates (still in, ready, not passed). */
const readyByProgress = new WeakMap<CohortProgress, { id: number; name: string }[]>();

/**
 * A cohort's progress from the cache is the same frozen object for as long as nothing in the
 * cohort changes, so the people in it who are ready are worked out once per version, not on
 * every request for every cohort ever held.
 */
function readyNotPassed(progress: CohortProgress): { id: number; name: string }[] {
  let ready = readyByProgress.get(progress);
  if (ready === undefined) {
    ready = progress.rows.filter((r) => interviewCandidate(r.eligibility)).map((r) => ({ id: r.participant.id, name: r.participant.name }));
    if (Object.isFrozen(progress)) readyByProgress.set(progress, ready);
  }
  return ready;
}

/** Everything the interview page shows (`/eindgesprekken/:id`), for a viewer who may see it. */
export interface InterviewFileView {
  viewer: { id: number; role: User["role"] };
  interview: InterviewDetail;
  dossier: InterviewDossier;
  warnings: AssessorWarning[];
  activities: LeerlijnTemplate["practice"]["activities"];
  /** someone else's change cleared this assessor's signature: they are told, and asked to sign again */
  clearedSignature: { by: string; at: string; reason: SignatureClearedReason } | null;
  /** signing opens on the planned day */
  signable: boolean;
  /** the coordinator may change the plan of an interview that is not finalised */
  assessorChoices: { id: number; name: string; role: User["role"] }[];
}

/**
 * The interview page for this viewer, or undefined (the refusal audited) when they may not see it.
 * Opening it is a read of the approved POP in the dossier: the participant sees who read it.
 */
export async function interviewFile(
  db: DB,
  viewer: Pick<User, "id" | "role">,
  interviewId: number,
  opts: { today: string; ip: string | null },
): Promise<InterviewFileView | undefined> {
  const interview = await interviewForViewer(db, viewer, interviewId);
  if (!interview) {
    await audit(db, { actor: viewer, action: "interview.view", target: { type: "interview", id: interviewId }, outcome: "denied", ip: opts.ip });
    return undefined;
  }
  const row = await db.selectFrom("interviews").select("leerlijn_version_id").where("id", "=", interviewId).executeTakeFirstOrThrow();
  const version = await getVersion(db, row.leerlijn_version_id);
  const dossier = await interviewDossier(db, interview.participant.id, opts.today);
  // The file shows the approved POP: the participant sees that this person read it.
  if (dossier.pop) await logPopRead(db, viewer, interview.participant.id, opts.ip);
  const warnings = await assessorWarnings(
    db,
    interview.participant.id,
    interview.assessors.map((a) => a.id),
  );
  return {
    viewer: { id: viewer.id, role: viewer.role },
    interview,
    dossier,
    warnings,
    activities: version?.definition.practice.activities ?? [],
    clearedSignature: interview.assessors.some((a) => a.id === viewer.id) ? await clearedSignatureFor(db, interviewId, viewer.id) : null,
    signable: opts.today >= interview.date,
    assessorChoices: viewer.role === "coordinator" && interview.status === "gepland" ? await assessorOptions(db) : [],
  };
}

export interface InterviewDossier {
  eligibility: Eligibility | null;
  facts: ParticipantProgress["facts"] | null;
  /** coming back after a break: hours and an approved POP from earlier cohorts that count, with the cohort's name */
  carriedOver: ParticipantProgress["carriedOver"];
  pop: { version: number; sterkeKanten: string; ontwikkelpunten: string; leerdoelen: Leerdoel[] } | null;
  practiceByActivity: { activity: string; minutes: number }[];
  /** the participant's newest certificate, its state by the one rule (certificateState) */
  certificate: { id: number; number: string; state: CertificateState; revokedOn: string | null; revokeReason: string | null } | null;
}

/**
 * What the examiner needs beforehand, and no more: the engine's verdict, the approved POP
 * (without the personal story), practice hours per kind of work, attendance figures.
 */
export async function interviewDossier(db: DB, participantId: number, today: string): Promise<InterviewDossier> {
  const progress = await participantProgress(db, participantId, today);
  const approved = await db
    .selectFrom("pop_events as ev")
    .innerJoin("pops as p", "p.id", "ev.pop_id")
    .select("ev.version_number")
    .where("p.participant_id", "=", participantId)
    .where("ev.action", "=", "approve")
    .orderBy("ev.id", "desc")
    .executeTakeFirst();
  const content = approved ? await popVersionContent(db, participantId, approved.version_number) : undefined;
  // Only the practice that counts for this enrolment (its own days and any carried window), so the
  // kinds add up to the hours the engine counted, not to every hour the person ever logged.
  const confirmed = await db
    .selectFrom("practice_entries")
    .select(["activity", "date", "minutes"])
    .where("participant_id", "=", participantId)
    .where("status", "=", "bevestigd")
    .execute();
  const counts = (day: string) => !progress || progress.practiceDays.some((w) => (w.from === null || day >= w.from) && (w.until === null || day <= w.until));
  const minutesByActivity = new Map<string, number>();
  for (const e of confirmed) if (counts(e.date)) minutesByActivity.set(e.activity, (minutesByActivity.get(e.activity) ?? 0) + Number(e.minutes));
  const byActivity = [...minutesByActivity].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([activity, minutes]) => ({ activity, minutes }));
  const cert = await db
    .selectFrom("certificates")
    .select(["id", "number", "revoked_at", "revoke_kind", "revoke_reason", "superseded_by_id"])
    .where("participant_id", "=", participantId)
    .orderBy("id", "desc")
    .executeTakeFirst();
  return {
    eligibility: progress?.eligibility ?? null,
    facts: progress?.facts ?? null,
    carriedOver: progress?.carriedOver ?? [],
    pop:
      approved && content
        ? { version: approved.version_number, sterkeKanten: content.sterkeKanten, ontwikkelpunten: content.ontwikkelpunten, leerdoelen: content.leerdoelen }
        : null,
    practiceByActivity: byActivity,
    certificate: cert
      ? {
          id: cert.id,
          number: cert.number,
          state: certificateState(cert),
          revokedOn: cert.revoked_at ? cert.revoked_at.slice(0, 10) : null,
          revokeReason: cert.revoke_reason,
        }
      : null,
  };
}
