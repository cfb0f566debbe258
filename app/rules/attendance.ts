/**
 * Hours and attendance, pure. One place decides how many hours a meeting credits, whether
 * a participant counts as attended, and the totals the thresholds look at.
 */
export const MEETING_TYPES = ["les", "training", "intervisie"] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];
export const ATTENDANCE_STATUSES = ["aanwezig", "te_laat", "afgemeld", "afwezig"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export interface MeetingFacts {
  id: number;
  type: MeetingType;
  date: string;
  startTime: string;
  endTime: string;
  cancelled: boolean;
}

export interface AttendanceFacts {
  meetingId: number;
  status: AttendanceStatus;
  minutesMissed: number;
  active: boolean;
  makeupDone: boolean;
}

export interface AttendanceRules {
  countOnlyActive: boolean;
  /**
   * Per meeting type: does a make-up assignment (vervangende opdracht) replace attendance? From
   * the leerlijn template (`sessionTypes[].makeupAllowed`); by default for lessons and trainings,
   * not for intervisie, where active presence is the point.
   */
  makeupAllowed?: Readonly<Record<MeetingType, boolean>>;
  /**
   * Does absence with notice (afgemeld) excuse a meeting? From the leerlijn template
   * (`rules.absenceWithNoticeExcused`). By default not: afgemeld is still absence, counted as a
   * held meeting not attended, like afwezig. When true, an afgemeld meeting (without a make-up
   * that counts) is left out of the meetings held for the attendance rate; it credits no hours.
   */
  noticeExcuses?: boolean;
}

export const DEFAULT_MAKEUP_ALLOWED: Readonly<Record<MeetingType, boolean>> = { les: true, training: true, intervisie: false };

/** Whether the make-up of this record counts for a meeting of this type. */
function madeUpFor(type: MeetingType, record: AttendanceFacts, rules: Pick<AttendanceRules, "makeupAllowed">): boolean {
  return record.makeupDone && (rules.makeupAllowed ?? DEFAULT_MAKEUP_ALLOWED)[type];
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutesOf(time: string): number {
  const m = TIME.exec(time);
  if (!m) throw new Error(`Invalid time: ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function durationMinutes(s: Pick<MeetingFacts, "startTime" | "endTime">): number {
  const minutes = minutesOf(s.endTime) - minutesOf(s.startTime);
  if (minutes <= 0) throw new Error(`End ${s.endTime} is not after start ${s.startTime}`);
  return minutes;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function meetingHours(s: Pick<MeetingFacts, "startTime" | "endTime">): number {
  return round2(durationMinutes(s) / 60);
}

/** Hours a cohort's meetings delivered, per type and in total. */
export interface HoursDelivered {
  les: number;
  training: number;
  intervisie: number;
  total: number;
}

/**
 * Hours of the meetings held: not cancelled, on or before today. Summed per time slot (type,
 * start, end) in that order, each slot's hours rounded as the reports have always rounded them.
 */
export function hoursDelivered(
  meetings: readonly Pick<MeetingFacts, "type" | "date" | "startTime" | "endTime" | "cancelled">[],
  today: string,
): HoursDelivered {
  const slots = new Map<string, { type: MeetingType; startTime: string; endTime: string; n: number }>();
  for (const s of meetings) {
    if (s.cancelled || s.date > today) continue;
    const key = `${s.type}\u0000${s.startTime}\u0000${s.endTime}`;
    const slot = slots.get(key);
    if (slot) slot.n += 1;
    else slots.set(key, { type: s.type, startTime: s.startTime, endTime: s.endTime, n: 1 });
  }
  const h: HoursDelivered = { les: 0, training: 0, intervisie: 0, total: 0 };
  const order = [...slots.keys()].sort();
  for (const key of order) {
    const slot = slots.get(key)!;
    const hours = meetingHours(slot) * slot.n;
    h[slot.type] = round2(h[slot.type] + hours);
    h.total = round2(h.total + hours);
  }
  return h;
}

export function creditedHours(meeting: MeetingFacts, record: AttendanceFacts | undefined, rules: Pick<AttendanceRules, "makeupAllowed"> = {}): number {
  if (meeting.cancelled || !record) return 0;
  const full = durationMinutes(meeting);
  switch (record.status) {
    case "aanwezig":
      return round2(full / 60);
    case "te_laat":
      return round2(Math.max(0, full - Math.max(0, record.minutesMissed)) / 60);
    case "afgemeld":
    case "afwezig":
      return madeUpFor(meeting.type, record, rules) ? round2(full / 60) : 0;
  }
}

export function countsAsAttended(record: AttendanceFacts | undefined, rules: AttendanceRules, type: MeetingType): boolean {
  if (!record) return false;
  if (madeUpFor(type, record, rules)) return true;
  const present = record.status === "aanwezig" || record.status === "te_laat";
  return present && (!rules.countOnlyActive || record.active);
}

export function isExpected(meeting: MeetingFacts, joinedOn: string): boolean {
  return !meeting.cancelled && meeting.date >= joinedOn;
}

/**
 * Whether a meeting is expected of a participant: every lesson, the trainings they hold a place
 * in, and the meetings of their own intervisie group; for someone who left the cohort, only up to
 * and including the day they left. (Anyone with a record shows too; callers add that.) The
 * attendance list and the assignments use this rule too (`expectedParticipantsOf` in
 * services/attendance.server.ts).
 */
export function expectedOf(
  meeting: { type: MeetingType; date: string; training_id: number | null; intervisie_group_id: number | null },
  member: { trainingIds: ReadonlySet<number>; groupIds: ReadonlySet<number>; leftOn: string | null },
): boolean {
  if (member.leftOn !== null && meeting.date > member.leftOn) return false;
  switch (meeting.type) {
    case "les":
      return true;
    case "training":
      return meeting.training_id !== null && member.trainingIds.has(meeting.training_id);
    case "intervisie":
      return meeting.intervisie_group_id !== null && member.groupIds.has(meeting.intervisie_group_id);
  }
}

/** "Now" as a schedule reads it: the day and the time of day in Amsterdam (yyyy-mm-dd, hh:mm). */
export interface ScheduleNow {
  today: string;
  time: string;
}

/**
 * Whether a meeting is behind a participant (their rooster lists it under the past meetings, with
 * its status; the home page no longer calls it the next one): a meeting of an earlier day, or one
 * of today once their attendance is recorded or its end time has passed. The one rule for the
 * participant's rooster and home page (services/attendance.server.ts).
 */
export function isPastForParticipant(meeting: { date: string; endTime: string }, recorded: boolean, now: ScheduleNow): boolean {
  if (meeting.date !== now.today) return meeting.date < now.today;
  return recorded || meeting.endTime <= now.time;
}

export function isHeld(meeting: MeetingFacts, today: string): boolean {
  return meeting.date <= today;
}

export interface TypeSummary {
  held: number;
  attended: number;
  rate: number | null;
  hours: number;
}

export interface MeetingLine {
  meetingId: number;
  type: MeetingType;
  date: string;
  cancelled: boolean;
  expected: boolean;
  held: boolean;
  status: AttendanceStatus | null;
  hours: number;
  attended: boolean;
  madeUp: boolean;
  active: boolean | null;
  /** afgemeld, and the template lets absence with notice excuse the meeting: not among the meetings held */
  excused: boolean;
}

export interface AttendanceSummary {
  perType: Record<MeetingType, TypeSummary>;
  lessonsAndTrainings: TypeSummary;
  learningHours: number;
  intervisieAttended: number;
  lines: MeetingLine[];
}

function summaryOf(lines: MeetingLine[]): TypeSummary {
  const counted = lines.filter((l) => l.expected && l.held && !l.excused);
  const attended = counted.filter((l) => l.attended).length;
  return {
    held: counted.length,
    attended,
    rate: counted.length === 0 ? null : attended / counted.length,
    hours: round2(counted.reduce((sum, l) => sum + l.hours, 0)),
  };
}

export function summarizeAttendance(
  meetings: MeetingFacts[],
  records: AttendanceFacts[],
  opts: { joinedOn: string; today: string; rules: AttendanceRules },
): AttendanceSummary {
  const byMeeting = new Map(records.map((r) => [r.meetingId, r]));
  const lines: MeetingLine[] = [...meetings]
    .sort((a, b) => (a.date + a.startTime).localeCompare(b.date + b.startTime) || a.id - b.id)
    .map((s) => {
      const record = byMeeting.get(s.id);
      const expected = isExpected(s, opts.joinedOn);
      // Today's meeting counts once its attendance is recorded: not as missed in the morning.
      const held = isHeld(s, opts.today) && (s.date < opts.today || record !== undefined);
      const counts = expected && held;
      const attended = counts && countsAsAttended(record, opts.rules, s.type);
      const excused = counts && !attended && record?.status === "afgemeld" && opts.rules.noticeExcuses === true;
      return {
        meetingId: s.id,
        type: s.type,
        date: s.date,
        cancelled: s.cancelled,
        expected,
        held,
        status: record?.status ?? null,
        hours: counts ? creditedHours(s, record, opts.rules) : 0,
        attended,
        madeUp: counts && !!record && madeUpFor(s.type, record, opts.rules) && (record.status === "afgemeld" || record.status === "afwezig"),
        active: record ? record.active : null,
        excused,
      };
    });
  const perType = Object.fromEntries(MEETING_TYPES.map((type) => [type, summaryOf(lines.filter((l) => l.type === type))])) as Record<MeetingType, TypeSummary>;
  const lessonsAndTrainings = summaryOf(lines.filter((l) => l.type === "les" || l.type === "training"));
  return {
    perType,
    lessonsAndTrainings,
    learningHours: round2(lines.reduce((sum, l) => sum + l.hours, 0)),
    intervisieAttended: perType.intervisie.attended,
    lines,
  };
}

export function checkMinutesMissed(
  meeting: Pick<MeetingFacts, "startTime" | "endTime">,
  minutes: number,
): null | "minutes.negative" | "minutes.tooMany" | "minutes.notInteger" {
  if (!Number.isInteger(minutes)) return "minutes.notInteger";
  if (minutes < 0) return "minutes.negative";
  if (minutes > durationMinutes(meeting)) return "minutes.tooMany";
  return null;
}
