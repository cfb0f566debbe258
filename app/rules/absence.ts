import type { ScheduleNow } from "./attendance";

/**
 * Whether a meeting has started (Amsterdam day and time): from then on a participant can no
 * longer report absence ahead for it, nor withdraw a report (issue 29 point 2).
 */
export function hasStarted(meeting: { date: string; startTime: string }, now: ScheduleNow): boolean {
  if (meeting.date !== now.today) return meeting.date < now.today;
  return meeting.startTime <= now.time;
}
