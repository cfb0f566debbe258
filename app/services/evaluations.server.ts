import { randomUUID } from "node:crypto";
import type { DB } from "../../db/connect";
import type { User } from "../../db/schema";
import { currentTime } from "../clock.server";
import type { ScheduleNow } from "../rules/attendance";
import { EVALUATION_COMMENT_MAX, evaluationOpen, summariseEvaluations, wasThere, type EvaluationSummary } from "../rules/evaluation";
import { audit } from "./audit.server";
import { UserInputError } from "./errors";
import { getMeeting } from "./schedule.server";
import { cohortForStaff } from "./staff.server";

/*
 * Anonymous evaluation of a meeting (issue 29 point 8). The answer goes into meeting_evaluations
 * with the meeting only (no person, no time, a random key); that the participant answered goes
 * into meeting_evaluation_answered. Both in one transaction, so an answer is counted exactly once.
 * Nothing in the app joins the two. Trainers see a meeting's results only from
 * EVALUATION_MIN_ANSWERS answers on, and never who answered.
 */

export interface EvaluationMeeting {
  id: number;
  title: string;
  date: string;
  start_time: string;
  end_time: string;
}

/** The meeting, if this participant may evaluate it now: they were there, it has ended and is still open. Also whether they already did. */
export async function evaluationFor(
  db: DB,
  participant: Pick<User, "id">,
  meetingId: number,
  now: ScheduleNow,
): Promise<{ meeting: EvaluationMeeting; answered: boolean } | undefined> {
  const row = await db
    .selectFrom("course_sessions as s")
    .innerJoin("attendance as a", (j) => j.onRef("a.session_id", "=", "s.id").on("a.participant_id", "=", participant.id))
    .leftJoin("meeting_evaluation_answered as done", (j) => j.onRef("done.session_id", "=", "s.id").on("done.participant_id", "=", participant.id))
    .select(["s.id", "s.title", "s.date", "s.start_time", "s.end_time", "s.status", "a.status as attendance", "done.participant_id as answered_by"])
    .where("s.id", "=", meetingId)
    .executeTakeFirst();
  if (!row || !wasThere(row.attendance) || !evaluationOpen({ date: row.date, endTime: row.end_time, status: row.status }, now)) return undefined;
  return {
    meeting: { id: row.id, title: row.title, date: row.date, start_time: row.start_time, end_time: row.end_time },
    answered: row.answered_by !== null,
  };
}

/** The meetings this participant can evaluate now and has not yet, newest first. */
export async function openEvaluations(db: DB, participant: Pick<User, "id">, now: ScheduleNow): Promise<EvaluationMeeting[]> {
  const rows = await db
    .selectFrom("course_sessions as s")
    .innerJoin("attendance as a", (j) => j.onRef("a.session_id", "=", "s.id").on("a.participant_id", "=", participant.id))
    .leftJoin("meeting_evaluation_answered as done", (j) => j.onRef("done.session_id", "=", "s.id").on("done.participant_id", "=", participant.id))
    .select(["s.id", "s.title", "s.date", "s.start_time", "s.end_time", "s.status", "a.status as attendance"])
    .where("done.participant_id", "is", null)
    .where("s.date", "<=", now.today)
    .orderBy("s.date", "desc")
    .execute();
  return rows
    .filter((r) => wasThere(r.attendance) && evaluationOpen({ date: r.date, endTime: r.end_time, status: r.status }, now))
    .map((r) => ({ id: r.id, title: r.title, date: r.date, start_time: r.start_time, end_time: r.end_time }));
}

/**
 * Stores one participant's evaluation of a meeting, once. The audit line says that they answered
 * (as the answered table does), never what.
 */
export async function submitEvaluation(
  db: DB,
  participant: Pick<User, "id" | "role">,
  meetingId: number,
  input: { score: number; comment: string | null },
  now: ScheduleNow,
  at = currentTime(),
): Promise<void> {
  if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5) throw new UserInputError("evaluation.scoreInvalid", "score");
  const comment = input.comment?.trim() || null;
  if (comment && comment.length > EVALUATION_COMMENT_MAX) throw new UserInputError("evaluation.commentTooLong", "comment");
  const item = await evaluationFor(db, participant, meetingId, now);
  if (!item) throw new UserInputError("evaluation.notOpen");
  if (item.answered) throw new UserInputError("evaluation.alreadyAnswered");
  await db.transaction().execute(async (trx) => {
    const marked = await trx
      .insertInto("meeting_evaluation_answered")
      .values({ session_id: meetingId, participant_id: participant.id })
      .onConflict((oc) => oc.columns(["session_id", "participant_id"]).doNothing())
      .executeTakeFirst();
    // Two posts at once: the second finds the first one's row, and stores nothing.
    if (Number(marked.numInsertedOrUpdatedRows ?? 0n) !== 1) throw new UserInputError("evaluation.alreadyAnswered");
    await trx.insertInto("meeting_evaluations").values({ id: randomUUID(), session_id: meetingId, score: input.score, comment }).execute();
    await audit(trx, { actor: participant, action: "evaluation.submit", target: { type: "session", id: meetingId }, at });
  });
}

/** A meeting's results for its cohort's staff: only how many answered, until there are enough. */
export async function evaluationResults(db: DB, staff: Pick<User, "id" | "role">, cohortId: number, meetingId: number): Promise<EvaluationSummary | undefined> {
  const cohort = await cohortForStaff(db, staff, cohortId);
  if (!cohort) return undefined;
  const meeting = await getMeeting(db, cohort.id, meetingId);
  if (!meeting) return undefined;
  const rows = await db.selectFrom("meeting_evaluations").select(["score", "comment"]).where("session_id", "=", meeting.id).execute();
  return summariseEvaluations(rows);
}
