/**
 * Practice hours (werken), pure: what one log entry may hold, which entries are duplicates,
 * and the totals against the leerlijn's target. Hours are kept as whole minutes in quarter-hour
 * steps, so sums are exact.
 */
export const QUARTER = 15;

export type PracticeStatus = "open" | "bevestigd" | "afgewezen";

/**
 * "1,5", "1.5", "1:30" or "1 uur"-free numbers to minutes; undefined when it is not a number of
 * hours at all. Steps and limits are checked by checkEntry, so the message can say what is wrong.
 */
export function parseHours(text: string): number | undefined {
  const v = text.trim().replace(/\s+/g, "");
  if (v === "") return undefined;
  const hm = /^(\d{1,2}):([0-5]\d)$/.exec(v);
  if (hm) return Number(hm[1]) * 60 + Number(hm[2]);
  if (!/^-?\d{1,3}([.,]\d{1,2})?$/.test(v)) return undefined;
  return Math.round(Number(v.replace(",", ".")) * 60 * 100) / 100;
}

export type EntryProblem =
  | "practice.hoursInvalid"
  | "practice.hoursNotPositive"
  | "practice.hoursNotQuarter"
  | "practice.hoursTooMany"
  | "practice.dayTooFull"
  | "practice.dateInFuture"
  | "practice.dateBeforeCourse"
  | "practice.duplicate";

export interface EntryFacts {
  date: string;
  minutes: number | undefined;
  today: string;
  /** the first day practice may be logged (the cohort's start), if known */
  earliest?: string;
  maxHoursPerDay: number;
  /** minutes already logged on the same day in other entries (not rejected ones) */
  otherMinutesThatDay: number;
}

/** The first problem with an entry's date and hours, by field, or an empty object. */
export function checkEntry(f: EntryFacts): { date?: EntryProblem; hours?: EntryProblem } {
  const out: { date?: EntryProblem; hours?: EntryProblem } = {};
  if (f.date > f.today) out.date = "practice.dateInFuture";
  else if (f.earliest && f.date < f.earliest) out.date = "practice.dateBeforeCourse";
  const m = f.minutes;
  if (m === undefined || !Number.isFinite(m)) out.hours = "practice.hoursInvalid";
  else if (m <= 0) out.hours = "practice.hoursNotPositive";
  else if (m % QUARTER !== 0) out.hours = "practice.hoursNotQuarter";
  else if (m > f.maxHoursPerDay * 60) out.hours = "practice.hoursTooMany";
  else if (m + f.otherMinutesThatDay > f.maxHoursPerDay * 60) out.hours = "practice.dayTooFull";
  return out;
}

export interface EntryKey {
  id?: number;
  date: string;
  activity: string;
  minutes: number;
  description: string;
  status?: PracticeStatus;
}

function norm(s: string): string {
  return s.trim().toLocaleLowerCase("nl").replace(/\s+/g, " ");
}

/**
 * The same work logged twice: same day, same activity, same hours and the same description.
 * A rejected entry does not block logging it again (that is how a correction is made).
 */
export function findDuplicate<T extends EntryKey>(entry: EntryKey, others: T[]): T | undefined {
  return others.find(
    (o) =>
      o.id !== entry.id &&
      o.status !== "afgewezen" &&
      o.date === entry.date &&
      o.activity === entry.activity &&
      o.minutes === entry.minutes &&
      norm(o.description) === norm(entry.description),
  );
}

export interface PracticeTotals {
  confirmedMinutes: number;
  openMinutes: number;
  rejectedMinutes: number;
  targetMinutes: number;
  /** confirmed hours still needed for the target; 0 when met */
  remainingMinutes: number;
  met: boolean;
}

/** Only confirmed hours count toward certification; open ones are shown apart. */
export function practiceTotals(entries: { minutes: number; status: PracticeStatus }[], targetHours: number): PracticeTotals {
  const sum = (s: PracticeStatus) => entries.filter((e) => e.status === s).reduce((a, e) => a + e.minutes, 0);
  const confirmedMinutes = sum("bevestigd");
  const targetMinutes = Math.round(targetHours * 60);
  return {
    confirmedMinutes,
    openMinutes: sum("open"),
    rejectedMinutes: sum("afgewezen"),
    targetMinutes,
    remainingMinutes: Math.max(0, targetMinutes - confirmedMinutes),
    met: confirmedMinutes >= targetMinutes,
  };
}

/** May the participant still change or delete this entry? Confirmed entries are locked. */
export function isEditable(status: PracticeStatus): boolean {
  return status !== "bevestigd";
}

export type LinkState = "valid" | "expired" | "revoked" | "used";

/** Whether a werkbegeleider link can still be used; revoked and used win over expired. */
export function linkState(link: { expires_at: string; revoked_at: string | null; used_at: string | null }, now: Date): LinkState {
  if (link.revoked_at) return "revoked";
  if (link.used_at) return "used";
  if (new Date(link.expires_at).getTime() <= now.getTime()) return "expired";
  return "valid";
}
