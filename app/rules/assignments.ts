/**
 * Oefenopdrachten (homework): when an answer is due and what state it is in. Pure, no I/O.
 * Dates are yyyy-mm-dd in Amsterdam; a deadline is the last day on which handing in is on time.
 */
import { amsterdamDay } from "./amsterdam";

export type AssignmentState = "open" | "late" | "handed_in" | "done";

export const ANSWER_MAX = 4000;
export const FEEDBACK_MAX = 1000;

/**
 * The deadline of a meeting's oefenopdracht: the due date the trainer set, or else the date of
 * the next planned meeting after this one (the caller passes the dates of the later planned,
 * not cancelled, meetings that follow on from it). Null when neither exists: no deadline yet.
 */
export function assignmentDeadline(meetingDate: string, due: string | null | undefined, laterMeetingDates: readonly string[]): string | null {
  if (due) return due;
  let next: string | null = null;
  for (const d of laterMeetingDates) if (d > meetingDate && (next === null || d < next)) next = d;
  return next;
}

/** A due date may not lie before the meeting that gives the assignment. */
export function dueDateProblem(meetingDate: string, due: string | null | undefined): "session.assignmentDueBeforeDate" | null {
  return due && due < meetingDate ? "session.assignmentDueBeforeDate" : null;
}

/** The Amsterdam calendar date of an ISO timestamp. */
export function amsterdamDate(iso: string): string {
  return amsterdamDay(new Date(iso));
}

export interface AnswerFacts {
  submittedAt: string;
  doneAt: string | null;
}

/**
 * done: the trainer marked it done · handed_in: handed in, waiting for the trainer ·
 * late: not handed in and the deadline has passed · open: not handed in, still in time.
 */
export function assignmentState(answer: AnswerFacts | null, deadline: string | null, today: string): AssignmentState {
  if (answer?.doneAt) return "done";
  if (answer) return "handed_in";
  return deadline !== null && today > deadline ? "late" : "open";
}

/** Whether an answer came in after the deadline (on the deadline day itself is on time). */
export function handedInLate(submittedAt: string, deadline: string | null): boolean {
  return deadline !== null && amsterdamDate(submittedAt) > deadline;
}

/** Not handed in yet: what the participant still has to do. */
export function isOpen(state: AssignmentState): boolean {
  return state === "open" || state === "late";
}

/** The order of a participant's list: late first, then open (earliest deadline first), then waiting, then done. */
export function compareAssignments(
  a: { state: AssignmentState; deadline: string | null; date: string },
  b: { state: AssignmentState; deadline: string | null; date: string },
): number {
  const rank: Record<AssignmentState, number> = { late: 0, open: 1, handed_in: 2, done: 3 };
  if (rank[a.state] !== rank[b.state]) return rank[a.state] - rank[b.state];
  if (a.state === "done") return b.date.localeCompare(a.date);
  const da = a.deadline ?? "9999-12-31";
  const dbb = b.deadline ?? "9999-12-31";
  return da.localeCompare(dbb) || a.date.localeCompare(b.date);
}

/**
 * Counts for a meeting: of the expected participants, how many handed in (done included),
 * how many of those the trainer marked done, how many wait for the trainer, and how many are still open.
 */
export function countStates(states: readonly AssignmentState[]): { expected: number; handedIn: number; done: number; waiting: number; open: number } {
  let waiting = 0;
  let done = 0;
  let open = 0;
  for (const s of states) {
    if (s === "done") done++;
    else if (s === "handed_in") waiting++;
    else open++;
  }
  return { expected: states.length, handedIn: waiting + done, done, waiting, open };
}
