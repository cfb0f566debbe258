/**
 * When a scheduled or follow-up e-mail is due (issue 28, point 3). Pure, no I/O: the clock and the
 * dates come in. Dates are yyyy-mm-dd in Amsterdam; "now" is a moment, read in Amsterdam time.
 *
 * - Reminders to people (a session tomorrow, an oefenopdracht due soon, the werkbegeleider's
 *   reminder) are not sent at night: from REMINDER_FROM Amsterdam time.
 * - The trainers' digest goes on Monday from DIGEST_FROM, once per ISO week.
 */
import { amsterdamDay, amsterdamTime } from "./amsterdam";

/** Reminders go from this Amsterdam time of day (hh:mm). */
export const REMINDER_FROM = "08:00";
/** The weekly digest: this ISO weekday (1 = Monday) from this time. */
export const DIGEST_WEEKDAY = 1;
export const DIGEST_FROM = "08:00";
/** An oefenopdracht reminder goes when the deadline is this many days away (or fewer, at least 1). */
export const ASSIGNMENT_REMINDER_DAYS = 2;
/** The werkbegeleider's one reminder comes this many days after the request. */
export const SUPERVISOR_REMINDER_DAYS = 7;

const DAY_MS = 86_400_000;

function dayMs(day: string): number {
  return Date.parse(`${day}T12:00:00Z`);
}

/** The date `days` days after `day` (negative: before). */
export function addDays(day: string, days: number): string {
  return new Date(dayMs(day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayMs(to) - dayMs(from)) / DAY_MS);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  const d = new Date(dayMs(day)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The ISO week of a date, e.g. "2026-W49" (the week belongs to the year of its Thursday). */
export function isoWeek(day: string): string {
  const thursday = addDays(day, 4 - isoWeekday(day));
  const year = thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** Whether reminders may go now (not at night). */
export function remindersOpen(now: Date): boolean {
  return amsterdamTime(now) >= REMINDER_FROM;
}

/** A "session tomorrow" reminder for a meeting on `meetingDate` is due now. */
export function meetingTomorrowDue(now: Date, meetingDate: string): boolean {
  return remindersOpen(now) && daysBetween(amsterdamDay(now), meetingDate) === 1;
}

/**
 * An oefenopdracht reminder is due: the deadline is 1 or 2 days away (two days before, or the
 * day before when the first chance was missed), never on the day itself or after it.
 */
export function assignmentReminderDue(now: Date, deadline: string | null): boolean {
  if (deadline === null || !remindersOpen(now)) return false;
  const left = daysBetween(amsterdamDay(now), deadline);
  return left >= 1 && left <= ASSIGNMENT_REMINDER_DAYS;
}

/** The ISO week whose digest is due now (Monday from 08:00 Amsterdam time), or null. */
export function digestWeekDue(now: Date): string | null {
  const today = amsterdamDay(now);
  if (isoWeekday(today) !== DIGEST_WEEKDAY || amsterdamTime(now) < DIGEST_FROM) return null;
  return isoWeek(today);
}

/**
 * When the werkbegeleider's reminder for a link made at `createdAt` goes: 7 days later. Null when
 * the link no longer works by then (no reminder for a link that has run out).
 */
export function supervisorReminderAt(createdAt: string, expiresAt: string): Date | null {
  const at = new Date(Date.parse(createdAt) + SUPERVISOR_REMINDER_DAYS * DAY_MS);
  return at.getTime() < Date.parse(expiresAt) ? at : null;
}

export interface MeetingState {
  status: "planned" | "cancelled";
  date: string;
  start_time: string;
  end_time: string;
  location: string | null;
  online_url: string | null;
}

/**
 * What the people expected at a meeting hear about a change: "cancelled" when it no longer goes
 * on, "changed" when it moved (day, times, place or online link) or goes on again after a
 * cancellation, null for anything else (a new title, a programme) or a cancelled meeting edited.
 */
export function meetingChange(before: MeetingState, after: MeetingState): "changed" | "cancelled" | null {
  if (after.status === "cancelled") return before.status === "cancelled" ? null : "cancelled";
  if (before.status === "cancelled") return "changed";
  const moved =
    before.date !== after.date ||
    before.start_time !== after.start_time ||
    before.end_time !== after.end_time ||
    (before.location ?? null) !== (after.location ?? null) ||
    (before.online_url ?? null) !== (after.online_url ?? null);
  return moved ? "changed" : null;
}

/** Only a change that touches today or later is worth a message (a past meeting corrected is not). */
export function changeIsUpcoming(today: string, beforeDate: string, afterDate: string): boolean {
  return beforeDate >= today || afterDate >= today;
}
