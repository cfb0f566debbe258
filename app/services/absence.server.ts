import type { DB } from "../../db/connect";
import type { User } from "../../db/schema";
import { currentTime } from "../clock.server";
import { amsterdamDay, amsterdamTime } from "../rules/amsterdam";
import { hasStarted } from "../rules/absence";
import { expectedParticipantsOf } from "./attendance.server";
import { audit } from "./audit.server";
import { UserInputError } from "./errors";
import type { Actor } from "./users.server";

/**
 * Reporting absence ahead (afmelden, issue 29 point 2). A participant says they will miss a
 * meeting that is expected of them, with an optional reason, and may withdraw it until the
 * meeting starts. It is not attendance: the trainer's list opens with "afgemeld" for them and
 * only the trainer's save records it; how "afgemeld" counts is the leerlijn template's rule
 * (`absenceWithNoticeExcused`, decided in rules/attendance.ts).
 *
 * The participant is always the signed-in person, never an id from a form. The reason is shown
 * to that person and to the cohort's trainers only: never in mail, the CSV or reports, and the
 * audit trail records only that there was one.
 */

export interface AbsenceReport {
  meetingId: number;
  reason: string | null;
  reportedAt: string;
}

/** The meeting, when it is expected of this participant (their cohort's lesson, their training, their group); else undefined. */
async function ownMeeting(db: DB, participantId: number, meetingId: number) {
  const meeting = await db
    .selectFrom("course_sessions")
    .select(["id", "cohort_id", "type", "date", "start_time", "end_time", "status", "training_id", "intervisie_group_id"])
    .where("id", "=", meetingId)
    .executeTakeFirst();
  if (!meeting) return undefined;
  const [expected] = await expectedParticipantsOf(db, [meeting], participantId);
  return expected.some((p) => p.id === participantId) ? meeting : undefined;
}

function startedAt(meeting: { date: string; start_time: string }, now: Date): boolean {
  return hasStarted({ date: meeting.date, startTime: meeting.start_time }, { today: amsterdamDay(now), time: amsterdamTime(now) });
}

/** Reports (or, with a new reason, changes) the participant's absence ahead for a meeting. */
export async function reportAbsence(db: DB, participant: Actor, meetingId: number, reason: string | null, now = currentTime()): Promise<void> {
  const meeting = await ownMeeting(db, participant.id, meetingId);
  if (!meeting) throw new UserInputError("absence.notYours");
  if (meeting.status === "cancelled") throw new UserInputError("absence.cancelled");
  if (startedAt(meeting, now)) throw new UserInputError("absence.started");
  const text = reason?.trim() || null;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("absence_reports")
      .values({ session_id: meetingId, participant_id: participant.id, reason: text, reported_at: now.toISOString() })
      .onConflict((oc) => oc.columns(["session_id", "participant_id"]).doUpdateSet({ reason: text, reported_at: now.toISOString() }))
      .execute();
    // Only that there is a reason: its words stay out of the audit trail.
    await audit(trx, {
      actor: participant,
      action: "absence.report",
      target: { type: "session", id: meetingId },
      details: { withReason: text !== null },
      at: now,
    });
  });
}

/** Withdraws the participant's own report, until the meeting starts. The reason goes with it. */
export async function withdrawAbsence(db: DB, participant: Actor, meetingId: number, now = currentTime()): Promise<void> {
  const meeting = await db.selectFrom("course_sessions").select(["id", "date", "start_time"]).where("id", "=", meetingId).executeTakeFirst();
  const report = meeting
    ? await db.selectFrom("absence_reports").select("id").where("session_id", "=", meetingId).where("participant_id", "=", participant.id).executeTakeFirst()
    : undefined;
  if (!meeting || !report) throw new UserInputError("absence.notReported");
  if (startedAt(meeting, now)) throw new UserInputError("absence.started");
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("absence_reports").where("id", "=", report.id).where("participant_id", "=", participant.id).execute();
    await audit(trx, { actor: participant, action: "absence.withdraw", target: { type: "session", id: meetingId }, at: now });
  });
}

/** The participant's own reports, per meeting (their rooster). */
export async function ownAbsenceReports(db: DB, participantId: number): Promise<Map<number, AbsenceReport>> {
  const rows = await db.selectFrom("absence_reports").select(["session_id", "reason", "reported_at"]).where("participant_id", "=", participantId).execute();
  return new Map(rows.map((r) => [r.session_id, { meetingId: r.session_id, reason: r.reason, reportedAt: r.reported_at }]));
}

/** One meeting's reports, per participant, for the attendance list; the reason only when asked for (a trainer of the cohort). */
export async function meetingAbsenceReports(db: DB, meetingId: number, opts: { withReasons: boolean }): Promise<Map<number, AbsenceReport>> {
  const rows = await db.selectFrom("absence_reports").select(["participant_id", "reason", "reported_at"]).where("session_id", "=", meetingId).execute();
  return new Map(rows.map((r) => [r.participant_id, { meetingId, reason: opts.withReasons ? r.reason : null, reportedAt: r.reported_at }]));
}

/** How many reported absence ahead, per meeting (the trainer's rooster): counts only, no names or reasons. */
export async function absenceCounts(db: DB, meetingIds: readonly number[]): Promise<Map<number, number>> {
  if (meetingIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("absence_reports")
    .select(["session_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("session_id", "in", meetingIds)
    .groupBy("session_id")
    .execute();
  return new Map(rows.map((r) => [r.session_id, Number(r.n)]));
}

/** Whether someone sees the reasons on a cohort's attendance list: its trainers only (not a coordinator who is not one). */
export async function seesAbsenceReasons(db: DB, user: Pick<User, "id" | "role">, cohortId: number): Promise<boolean> {
  if (user.role !== "trainer" && user.role !== "coordinator") return false;
  const row = await db.selectFrom("cohort_trainers").select("cohort_id").where("cohort_id", "=", cohortId).where("user_id", "=", user.id).executeTakeFirst();
  return row !== undefined;
}
