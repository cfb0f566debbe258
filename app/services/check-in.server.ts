import type { DB } from "../../db/connect";
import { currentTime } from "../clock.server";
import { config } from "../config.server";
import { amsterdamDay, amsterdamTime } from "../rules/amsterdam";
import {
  acceptsCheckInCode,
  checkInCode,
  checkInOpen,
  CHECK_IN_OPENS_BEFORE_MINUTES,
  minuteOf,
  newCheckInSecret,
  secondsLeftInMinute,
  type CheckInMeeting,
} from "../rules/check-in";
import { expectedParticipants, expectedParticipantsOf } from "./attendance.server";
import { audit } from "./audit.server";
import { UserInputError } from "./errors";
import { overLimit, recordHit } from "./rate-limit.server";
import type { MeetingRow } from "./schedule.server";
import type { Actor } from "./users.server";

/**
 * Self check-in (issue 29 point 4). From 15 minutes before a meeting starts until it ends, the
 * cohort's staff can show a screen with a code (and a QR code) that changes every minute
 * (app/rules/check-in.ts). A signed-in participant who is expected at that meeting types it in and
 * is checked in: present, pending the trainer's confirmation. A check-in is not attendance: the
 * trainer's list opens with "aanwezig" and "ingecheckt om 13:27" for them, and only the trainer's
 * save records it.
 *
 * Nothing older than the previous minute's code works, nor a code of another meeting, nor a code
 * for a meeting the person is not expected at. Wrong codes are counted per participant
 * (RATE_LIMITS.checkIn) and every check-in and refusal is in the audit trail (never the code).
 */

/** The key that signs a meeting's codes: the server's secret and the meeting's own. */
function signingKey(meetingSecret: string): string {
  return `${config().checkInSecret}:${meetingSecret}`;
}

/** The meeting's own secret; made (once, also when two screens open at the same moment) when `create`. */
async function meetingSecret(db: DB, meetingId: number, now: Date, create: boolean): Promise<string | null> {
  const row = await db.selectFrom("check_in_keys").select("secret").where("session_id", "=", meetingId).executeTakeFirst();
  if (row || !create) return row?.secret ?? null;
  await db
    .insertInto("check_in_keys")
    .values({ session_id: meetingId, secret: newCheckInSecret(), created_at: now.toISOString() })
    .onConflict((oc) => oc.column("session_id").doNothing())
    .execute();
  const made = await db.selectFrom("check_in_keys").select("secret").where("session_id", "=", meetingId).executeTakeFirstOrThrow();
  return made.secret;
}

export type CheckInScreen =
  | { open: true; code: string; secondsLeft: number; checkedIn: number; expected: number }
  | { open: false; reason: "cancelled" | "notToday" | "notYet" | "over"; opensAt: string };

/** The time check-in opens, hh:mm: 15 minutes before the start (not before midnight). */
function opensAt(startTime: string): string {
  const [h, m] = startTime.split(":").map(Number);
  const t = Math.max(0, h * 60 + m - CHECK_IN_OPENS_BEFORE_MINUTES);
  return `${String(Math.floor(t / 60)).padStart(2, "0")}:${String(t % 60).padStart(2, "0")}`;
}

/** What the staff's check-in screen shows now: the code of this minute, or why there is none. */
export async function checkInScreen(db: DB, meeting: MeetingRow, now = currentTime()): Promise<CheckInScreen> {
  if (!checkInOpen(meeting, now)) {
    const today = amsterdamDay(now);
    const reason =
      meeting.status === "cancelled"
        ? "cancelled"
        : meeting.date < today || (meeting.date === today && amsterdamTime(now) >= meeting.end_time)
          ? "over"
          : meeting.date > today
            ? "notToday"
            : "notYet";
    return { open: false, reason, opensAt: opensAt(meeting.start_time) };
  }
  const secret = (await meetingSecret(db, meeting.id, now, true))!;
  const [people, checkIns] = await Promise.all([
    expectedParticipants(db, meeting),
    db.selectFrom("check_ins").select("participant_id").where("session_id", "=", meeting.id).execute(),
  ]);
  const expected = new Set(people.map((p) => p.id));
  return {
    open: true,
    code: checkInCode(signingKey(secret), meeting.id, minuteOf(now)),
    secondsLeft: secondsLeftInMinute(now),
    checkedIn: checkIns.filter((c) => expected.has(c.participant_id)).length,
    expected: expected.size,
  };
}

export interface CheckInResult {
  meetingId: number;
  title: string;
  /** hh:mm in Amsterdam of the (first) check-in */
  time: string;
  /** already checked in earlier: nothing new was stored */
  already: boolean;
}

/**
 * Checks the participant in with a typed code. The code itself says which meeting: of the
 * meetings open for check-in now that this person is expected at, the one whose code of this
 * minute or the minute before matches. Refused (UserInputError) when it matches none, or when the
 * participant typed too many wrong codes in a short time.
 */
export async function checkIn(db: DB, participant: Actor & { ip?: string | null }, typed: string, now = currentTime()): Promise<CheckInResult> {
  const subject = String(participant.id);
  if (await overLimit(db, "checkIn", subject, now)) {
    throw new UserInputError("checkIn.tooMany", "code");
  }
  const today = amsterdamDay(now);
  const candidates = await db
    .selectFrom("course_sessions as s")
    .innerJoin("check_in_keys as k", "k.session_id", "s.id")
    .select([
      "s.id",
      "s.cohort_id",
      "s.type",
      "s.date",
      "s.start_time",
      "s.end_time",
      "s.status",
      "s.training_id",
      "s.intervisie_group_id",
      "s.title",
      "k.secret",
    ])
    .where("s.date", "=", today)
    .where("s.status", "!=", "cancelled")
    .execute();
  const open = candidates.filter((m) => checkInOpen(m as CheckInMeeting, now));
  const expected = open.length ? await expectedParticipantsOf(db, open, participant.id) : [];
  const mine = open.filter((_, i) => expected[i].some((p) => p.id === participant.id));
  const meeting = mine.find((m) => acceptsCheckInCode(signingKey(m.secret), m.id, typed, now));
  if (!meeting) {
    await recordHit(db, "checkIn", subject, now);
    await audit(db, { actor: participant, action: "checkin.create", outcome: "denied", details: { openForYou: mine.length }, at: now });
    throw new UserInputError("checkIn.wrongCode", "code");
  }
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("check_ins")
      .values({ session_id: meeting.id, participant_id: participant.id, checked_in_at: now.toISOString() })
      .onConflict((oc) => oc.columns(["session_id", "participant_id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    const already = inserted === undefined;
    if (!already) await audit(trx, { actor: participant, action: "checkin.create", target: { type: "session", id: meeting.id }, at: now });
    const row = await trx
      .selectFrom("check_ins")
      .select("checked_in_at")
      .where("session_id", "=", meeting.id)
      .where("participant_id", "=", participant.id)
      .executeTakeFirstOrThrow();
    return { meetingId: meeting.id, title: meeting.title, time: amsterdamTime(new Date(row.checked_in_at)), already };
  });
}

/** The check-ins of a meeting, by participant: the moment (ISO) and its hh:mm in Amsterdam. */
export async function meetingCheckIns(db: DB, meetingId: number): Promise<Map<number, { at: string; time: string }>> {
  const rows = await db.selectFrom("check_ins").select(["participant_id", "checked_in_at"]).where("session_id", "=", meetingId).execute();
  return new Map(rows.map((r) => [r.participant_id, { at: r.checked_in_at, time: amsterdamTime(new Date(r.checked_in_at)) }]));
}
