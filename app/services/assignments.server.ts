import type { DB } from "../../db/connect";
import type { MeetingTypeCode, User } from "../../db/schema";
import {
  ANSWER_MAX,
  FEEDBACK_MAX,
  assignmentDeadline,
  assignmentState,
  compareAssignments,
  countStates,
  handedInLate,
  isOpen,
  type AssignmentState,
} from "../rules/assignments";
import { expectedParticipants, expectedParticipantsOf } from "./attendance.server";
import { audit } from "./audit.server";
import { UserInputError } from "./errors";
import { getMeeting, type MeetingRow } from "./schedule.server";
import { cohortForStaff } from "./staff.server";
import type { Actor } from "./users.server";
import { currentTime } from "../clock.server";
import { nudgeMailSender } from "./mail-outbox.server";
import { assignmentFeedbackMail, type UpdateMailOptions } from "./mail-updates.server";
import { notifyUser } from "./notify.server";

/*
 * Oefenopdrachten. A planned (not cancelled) meeting with an assignment text asks every expected
 * participant for a written answer, from the day of the meeting until its deadline (the due date
 * the trainer set, or else the next meeting that follows on from it). A participant only ever
 * reads and writes their own answer; a trainer only the answers of their own cohort's meetings.
 */

interface PlannedMeeting {
  id: number;
  cohort_id: number;
  type: MeetingTypeCode;
  title: string;
  date: string;
  start_time: string;
  training_id: number | null;
  intervisie_group_id: number | null;
  assignment: string | null;
  assignment_due: string | null;
}

export interface AnswerRecord {
  id: number;
  text: string;
  submittedAt: string;
  updatedAt: string;
  late: boolean;
  feedback: string | null;
  feedbackBy: string | null;
  feedbackAt: string | null;
  doneAt: string | null;
  doneBy: string | null;
}

export interface ParticipantAssignment {
  meetingId: number;
  cohortId: number;
  title: string;
  type: MeetingTypeCode;
  date: string;
  assignment: string;
  deadline: string | null;
  state: AssignmentState;
  answer: AnswerRecord | null;
}

/**
 * The meetings that follow on from this one: the next lesson after a lesson, the next meeting
 * of the same training or intervisie group. Their dates feed the deadline rule.
 * `assignmentMeetings` asks the same in SQL; change both together (the assignments integration test
 * compares a participant's deadlines with the trainer's).
 */
function followOnDates(meeting: PlannedMeeting, planned: readonly PlannedMeeting[]): string[] {
  return planned
    .filter(
      (s) =>
        s.cohort_id === meeting.cohort_id &&
        s.type === meeting.type &&
        (meeting.type !== "training" || s.training_id === meeting.training_id) &&
        (meeting.type !== "intervisie" || s.intervisie_group_id === meeting.intervisie_group_id),
    )
    .map((s) => s.date);
}

export function deadlineOf(meeting: PlannedMeeting, planned: readonly PlannedMeeting[]): string | null {
  return assignmentDeadline(meeting.date, meeting.assignment_due, followOnDates(meeting, planned));
}

function plannedMeetings(db: DB, cohortIds: number[]) {
  return db
    .selectFrom("course_sessions")
    .select(["id", "cohort_id", "type", "title", "date", "start_time", "training_id", "intervisie_group_id", "assignment", "assignment_due"])
    .where("cohort_id", "in", cohortIds)
    .where("status", "=", "planned")
    .orderBy("date")
    .orderBy("start_time")
    .execute();
}

function answerQuery(db: DB) {
  return db
    .selectFrom("assignment_answers as a")
    .leftJoin("users as fb", "fb.id", "a.feedback_by")
    .leftJoin("users as dn", "dn.id", "a.done_by")
    .select([
      "a.id",
      "a.session_id",
      "a.participant_id",
      "a.text",
      "a.submitted_at",
      "a.updated_at",
      "a.feedback",
      "a.feedback_at",
      "a.done_at",
      "fb.name as feedback_by_name",
      "dn.name as done_by_name",
    ]);
}

type AnswerRow = Awaited<ReturnType<ReturnType<typeof answerQuery>["execute"]>>[number];

function toRecord(row: AnswerRow, deadline: string | null): AnswerRecord {
  return {
    id: row.id,
    text: row.text,
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
    late: handedInLate(row.submitted_at, deadline),
    feedback: row.feedback,
    feedbackBy: row.feedback_by_name,
    feedbackAt: row.feedback_at,
    doneAt: row.done_at,
    doneBy: row.done_by_name,
  };
}

/** Participants who left a cohort (uitstroom) are no longer asked for anything there. */
async function leftParticipants(db: DB, cohortIds: number[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom("enrolments")
    .select(["cohort_id", "participant_id"])
    .where("cohort_id", "in", cohortIds)
    .where("left_on", "is not", null)
    .execute();
  return new Set(rows.map((r) => `${r.cohort_id}:${r.participant_id}`));
}

/**
 * A participant's meetings with an assignment, up to today, each with the date of the next planned
 * meeting that follows on from it (same cohort and kind; same training; same intervisie group):
 * the same meetings `followOnDates` picks, so `assignmentDeadline` gives the same deadline. Only the
 * few meetings with an assignment are read, not every meeting of the cohort (the participant home).
 */
export function assignmentMeetings(db: DB, cohortIds: number[], today: string) {
  return db
    .selectFrom("course_sessions as s")
    .select([
      "s.id",
      "s.cohort_id",
      "s.type",
      "s.title",
      "s.date",
      "s.start_time",
      "s.training_id",
      "s.intervisie_group_id",
      "s.assignment",
      "s.assignment_due",
    ])
    .select((eb) =>
      eb
        .selectFrom("course_sessions as f")
        .select((f) => f.fn.min("f.date").as("d"))
        .whereRef("f.cohort_id", "=", "s.cohort_id")
        .where("f.status", "=", "planned")
        .whereRef("f.type", "=", "s.type")
        .whereRef("f.date", ">", "s.date")
        .where((w) =>
          w.or([
            w("s.type", "!=", "training"),
            w("f.training_id", "=", w.ref("s.training_id")),
            w.and([w("f.training_id", "is", null), w("s.training_id", "is", null)]),
          ]),
        )
        .where((w) =>
          w.or([
            w("s.type", "!=", "intervisie"),
            w("f.intervisie_group_id", "=", w.ref("s.intervisie_group_id")),
            w.and([w("f.intervisie_group_id", "is", null), w("s.intervisie_group_id", "is", null)]),
          ]),
        )
        .as("next_date"),
    )
    .where("s.cohort_id", "in", cohortIds)
    .where("s.status", "=", "planned")
    .where("s.assignment", "is not", null)
    .where("s.date", "<=", today)
    .orderBy("s.date")
    .orderBy("s.start_time")
    .execute();
}

/**
 * The participant's oefenopdrachten: every planned meeting of their cohorts, up to today, that
 * has an assignment and expects them, with their own answer and its state. Late and open ones
 * first, then those waiting for the trainer, then the done ones (newest first).
 */
export async function participantAssignments(db: DB, participant: Pick<User, "id">, today: string): Promise<ParticipantAssignment[]> {
  const enrolments = await db.selectFrom("enrolments").select(["cohort_id", "left_on"]).where("participant_id", "=", participant.id).execute();
  if (enrolments.length === 0) return [];
  const left = new Set(enrolments.filter((e) => e.left_on !== null).map((e) => e.cohort_id));
  const withAssignment = await assignmentMeetings(
    db,
    enrolments.map((e) => e.cohort_id),
    today,
  );
  if (withAssignment.length === 0) return [];
  const answers = await answerQuery(db)
    .where("a.participant_id", "=", participant.id)
    .where(
      "a.session_id",
      "in",
      withAssignment.map((s) => s.id),
    )
    .execute();
  const byMeeting = new Map(answers.map((a) => [a.session_id, a]));
  // Own answers always stay visible; without one, only meetings that expect this participant count.
  const unanswered = withAssignment.filter((s) => !byMeeting.has(s.id) && !left.has(s.cohort_id));
  const expectedLists = await expectedParticipantsOf(db, unanswered, participant.id);
  const expectedHere = new Set(unanswered.filter((_, i) => expectedLists[i].some((p) => p.id === participant.id)).map((s) => s.id));
  const out: ParticipantAssignment[] = [];
  for (const s of withAssignment) {
    const row = byMeeting.get(s.id);
    if (!row && !expectedHere.has(s.id)) continue;
    const deadline = assignmentDeadline(s.date, s.assignment_due, s.next_date === null ? [] : [s.next_date]);
    const answer = row ? toRecord(row, deadline) : null;
    out.push({
      meetingId: s.id,
      cohortId: s.cohort_id,
      title: s.title,
      type: s.type,
      date: s.date,
      assignment: s.assignment!,
      deadline,
      state: assignmentState(answer, deadline, today),
      answer,
    });
  }
  return out.sort(compareAssignments);
}

/** One of the participant's own oefenopdrachten, or undefined (not theirs, not expected, not yet, cancelled). */
export async function participantAssignment(
  db: DB,
  participant: Pick<User, "id">,
  meetingId: number,
  today: string,
): Promise<ParticipantAssignment | undefined> {
  return (await participantAssignments(db, participant, today)).find((a) => a.meetingId === meetingId);
}

/** Only the ones still to hand in (open or late), for the home page. */
export async function openAssignments(db: DB, participant: Pick<User, "id">, today: string): Promise<ParticipantAssignment[]> {
  return (await participantAssignments(db, participant, today)).filter((a) => isOpen(a.state));
}

export type HandInResult = "handed_in" | "updated" | "unchanged";

/**
 * Hands in or changes the participant's own answer. Allowed from the day of the meeting until
 * the trainer marks it done (late answers are accepted and shown as late). Empty or longer than
 * 4000 characters is refused, and then nothing changes.
 */
export async function handInAnswer(
  db: DB,
  participant: Pick<User, "id">,
  meetingId: number,
  text: string,
  today: string,
  now = currentTime(),
): Promise<HandInResult> {
  const clean = text.trim();
  if (clean === "") throw new UserInputError("assignments.answerRequired", "text");
  if (clean.length > ANSWER_MAX) throw new UserInputError("assignments.answerTooLong", "text");
  const item = await participantAssignment(db, participant, meetingId, today);
  if (!item) throw new UserInputError("assignments.notFound");
  if (item.answer?.doneAt) throw new UserInputError("assignments.alreadyDone");
  if (item.answer && item.answer.text === clean) return "unchanged";
  const stamp = now.toISOString();
  return db.transaction().execute(async (trx) => {
    if (!item.answer) {
      const inserted = await trx
        .insertInto("assignment_answers")
        .values({ session_id: meetingId, participant_id: participant.id, text: clean, submitted_at: stamp, updated_at: stamp })
        .onConflict((oc) => oc.columns(["session_id", "participant_id"]).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return "handed_in" as const;
    }
    // Never change an answer the trainer has marked done, even if that happened a moment ago.
    const updated = await trx
      .updateTable("assignment_answers")
      .set({ text: clean, updated_at: stamp })
      .where("session_id", "=", meetingId)
      .where("participant_id", "=", participant.id)
      .where("done_at", "is", null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new UserInputError("assignments.alreadyDone");
    return "updated" as const;
  });
}

export interface AnswerSheetRow {
  participant: { id: number; name: string };
  state: AssignmentState;
  answer: AnswerRecord | null;
}

export interface AnswerSheet {
  meeting: MeetingRow;
  hasAssignment: boolean;
  deadline: string | null;
  started: boolean;
  rows: AnswerSheetRow[];
  counts: ReturnType<typeof countStates>;
}

/**
 * The answers of one meeting, for its trainers and coordinators: every expected participant with
 * their answer or none yet. Undefined when the viewer may not see this cohort or the meeting is
 * not in it.
 */
export async function meetingAnswers(
  db: DB,
  staff: Pick<User, "id" | "role">,
  cohortId: number,
  meetingId: number,
  today: string,
): Promise<AnswerSheet | undefined> {
  const cohort = await cohortForStaff(db, staff, cohortId);
  if (!cohort) return undefined;
  const meeting = await getMeeting(db, cohort.id, meetingId);
  if (!meeting) return undefined;
  const hasAssignment = meeting.assignment !== null && meeting.status === "planned";
  if (!hasAssignment) return { meeting, hasAssignment, deadline: null, started: false, rows: [], counts: countStates([]) };
  const planned = await plannedMeetings(db, [cohort.id]);
  const deadline = deadlineOf(meeting, planned);
  const [expected, answers, left] = await Promise.all([
    expectedParticipants(db, meeting),
    answerQuery(db).innerJoin("users as p", "p.id", "a.participant_id").select("p.name as participant_name").where("a.session_id", "=", meeting.id).execute(),
    leftParticipants(db, [cohort.id]),
  ]);
  const byPerson = new Map(answers.map((a) => [a.participant_id, a]));
  const people = expected.filter((p) => byPerson.has(p.id) || !left.has(`${cohort.id}:${p.id}`));
  // An answer from someone no longer expected (moved group, training changed) still shows.
  for (const a of answers) if (!expected.some((p) => p.id === a.participant_id)) people.push({ id: a.participant_id, name: a.participant_name });
  const rows = people.map((p) => {
    const row = byPerson.get(p.id);
    const answer = row ? toRecord(row, deadline) : null;
    return { participant: { id: p.id, name: p.name }, answer, state: assignmentState(answer, deadline, today) };
  });
  return { meeting, hasAssignment, deadline, started: meeting.date <= today, rows, counts: countStates(rows.map((r) => r.state)) };
}

async function answerForStaff(db: DB, staff: Pick<User, "id" | "role">, cohortId: number, meetingId: number, participantId: number) {
  const cohort = await cohortForStaff(db, staff, cohortId);
  if (!cohort) throw new UserInputError("assignments.notFound");
  const row = await db
    .selectFrom("assignment_answers as a")
    .innerJoin("course_sessions as s", "s.id", "a.session_id")
    .select(["a.id", "a.feedback", "a.done_at"])
    .where("s.cohort_id", "=", cohort.id)
    .where("s.id", "=", meetingId)
    .where("s.status", "=", "planned")
    .where("s.assignment", "is not", null)
    .where("a.participant_id", "=", participantId)
    .executeTakeFirst();
  if (!row) throw new UserInputError("assignments.notHandedIn");
  return row;
}

export type ReviewResult = "saved" | "done" | "unchanged";

/**
 * The trainer reviews one handed-in answer: short feedback (at most 1000 characters) and/or
 * marks it done. Only an answer that was handed in can be reviewed; a done answer is closed
 * (reopen it first). Who and when are recorded on the answer and in the audit trail. With
 * `opts.baseUrl`, new feedback also queues a message to the participant (assignment-feedback) in
 * the same transaction: that there is feedback, never the feedback or the answer itself.
 */
export async function reviewAnswer(
  db: DB,
  staff: Actor,
  input: { cohortId: number; meetingId: number; participantId: number; feedback: string | null; markDone: boolean },
  now = currentTime(),
  opts: UpdateMailOptions = {},
): Promise<ReviewResult> {
  const feedback = input.feedback?.trim() || null;
  if (feedback && feedback.length > FEEDBACK_MAX) throw new UserInputError("assignments.feedbackTooLong", "feedback");
  if (!input.markDone && !feedback) throw new UserInputError("assignments.feedbackRequired", "feedback");
  const answer = await answerForStaff(db, staff, input.cohortId, input.meetingId, input.participantId);
  if (answer.done_at) throw new UserInputError("assignments.alreadyDoneStaff");
  const newFeedback = feedback !== null && feedback !== answer.feedback;
  if (!newFeedback && !input.markDone) return "unchanged";
  const stamp = now.toISOString();
  const mailQueued = await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("assignment_answers")
      .set({
        ...(newFeedback ? { feedback, feedback_by: staff.id, feedback_at: stamp } : {}),
        ...(input.markDone ? { done_at: stamp, done_by: staff.id } : {}),
      })
      .where("id", "=", answer.id)
      .where("done_at", "is", null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new UserInputError("assignments.alreadyDoneStaff");
    const target = { type: "assignment_answer", id: answer.id };
    const details = { sessionId: input.meetingId, participantId: input.participantId }; // audit details keep the stored key sessionId
    if (newFeedback) await audit(trx, { actor: staff, action: "assignment.feedback", target, details, at: now });
    if (input.markDone) await audit(trx, { actor: staff, action: "assignment.done", target, details, at: now });
    if (!newFeedback || !opts.baseUrl) return false;
    return notifyUser(
      trx,
      {
        type: "assignment-feedback",
        userId: input.participantId,
        baseUrl: opts.baseUrl,
        layout: assignmentFeedbackMail(opts.baseUrl, input.meetingId),
        dedupeKey: `assignment-feedback:${answer.id}:${stamp}`,
      },
      { now },
    );
  });
  if (mailQueued) nudgeMailSender();
  return input.markDone ? "done" : "saved";
}

/** Opens a done answer again (e.g. marked done by mistake), so the participant can change it. */
export async function reopenAnswer(
  db: DB,
  staff: Actor,
  input: { cohortId: number; meetingId: number; participantId: number },
  now = currentTime(),
): Promise<void> {
  const answer = await answerForStaff(db, staff, input.cohortId, input.meetingId, input.participantId);
  if (!answer.done_at) return;
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("assignment_answers").set({ done_at: null, done_by: null }).where("id", "=", answer.id).execute();
    await audit(trx, {
      actor: staff,
      action: "assignment.reopen",
      target: { type: "assignment_answer", id: answer.id },
      details: { sessionId: input.meetingId, participantId: input.participantId }, // stored key, as above
      at: now,
    });
  });
}

export interface OverviewMeeting {
  id: number;
  title: string;
  type: MeetingTypeCode;
  date: string;
  deadline: string | null;
  counts: ReturnType<typeof countStates>;
}

export interface OverviewParticipant {
  id: number;
  name: string;
  open: { meetingId: number; title: string; date: string; deadline: string | null; state: AssignmentState }[];
  waiting: number;
  done: number;
}

export interface AssignmentOverview {
  meetings: OverviewMeeting[];
  participants: OverviewParticipant[];
  upcoming: { id: number; title: string; date: string }[];
}

/**
 * What is still open in a cohort: per meeting (newest first) how many handed in, were marked
 * done, or are still open; per participant which assignments they still have to hand in.
 * Undefined when the viewer may not see this cohort.
 */
export async function cohortAssignmentOverview(
  db: DB,
  staff: Pick<User, "id" | "role">,
  cohortId: number,
  today: string,
): Promise<AssignmentOverview | undefined> {
  const cohort = await cohortForStaff(db, staff, cohortId);
  if (!cohort) return undefined;
  const planned = await plannedMeetings(db, [cohort.id]);
  const withAssignment = planned.filter((s) => s.assignment !== null);
  const started = withAssignment.filter((s) => s.date <= today);
  const upcoming = withAssignment.filter((s) => s.date > today).map((s) => ({ id: s.id, title: s.title, date: s.date }));
  const people = await db
    .selectFrom("enrolments as e")
    .innerJoin("users as u", "u.id", "e.participant_id")
    .select(["u.id", "u.name", "e.left_on"])
    .where("e.cohort_id", "=", cohort.id)
    .orderBy("u.name")
    .execute();
  const participants = new Map<number, OverviewParticipant>(
    people.filter((p) => p.left_on === null).map((p) => [p.id, { id: p.id, name: p.name, open: [], waiting: 0, done: 0 }]),
  );
  const answers = started.length
    ? await db
        .selectFrom("assignment_answers")
        .select(["session_id", "participant_id", "submitted_at", "done_at"])
        .where(
          "session_id",
          "in",
          started.map((s) => s.id),
        )
        .execute()
    : [];
  const answerOf = new Map(answers.map((a) => [`${a.session_id}:${a.participant_id}`, a]));
  const meetings: OverviewMeeting[] = [];
  const expectedLists = await expectedParticipantsOf(db, started);
  for (const [i, s] of started.entries()) {
    const deadline = deadlineOf(s, planned);
    const expected = expectedLists[i].filter((p) => participants.has(p.id) || answerOf.has(`${s.id}:${p.id}`));
    const states = expected.map((p) => {
      const a = answerOf.get(`${s.id}:${p.id}`);
      const state = assignmentState(a ? { submittedAt: a.submitted_at, doneAt: a.done_at } : null, deadline, today);
      const person = participants.get(p.id);
      if (person) {
        if (isOpen(state)) person.open.push({ meetingId: s.id, title: s.title, date: s.date, deadline, state });
        else if (state === "handed_in") person.waiting++;
        else person.done++;
      }
      return state;
    });
    meetings.push({ id: s.id, title: s.title, type: s.type, date: s.date, deadline, counts: countStates(states) });
  }
  return { meetings: meetings.reverse(), participants: [...participants.values()], upcoming };
}
